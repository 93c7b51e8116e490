import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const compileCache = fileURLToPath(new URL('node_modules/.cache/node-compile-cache', import.meta.url));

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
    // Each test file runs in a fresh process that loads the same dependencies again; Node's code cache
    // on disk spares compiling them each time (vite-node runs our own TypeScript, which it does not cover).
    env: { NODE_COMPILE_CACHE: compileCache },
    poolOptions: { forks: { execArgv: ['--no-node-snapshot'] } },
  },
});
