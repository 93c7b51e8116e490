import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The SDK resolves to its TypeScript source through its `kredo-source` export condition, as it does
  // for tsc (tsconfig.base.json) and for the CLI and plugin-host processes (`--conditions`).
  ssr: { resolve: { conditions: ['kredo-source', 'module', 'node', 'development|production'] } },
  test: {
    include: ['src/**/*.test.ts'],
    // One embedded PostgreSQL for the run; each test file gets its own database (see src/db/test-database.ts).
    globalSetup: ['src/db/test-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    poolOptions: { forks: { execArgv: ['--no-node-snapshot'] } },
  },
});
