import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Workspace packages (core's test harness) resolve to their TypeScript source, as for tsc.
  ssr: { resolve: { conditions: ['kredo-source', 'module', 'node', 'development|production'] } },
  test: {
    include: ['src/**/*.test.ts'],
    // One embedded PostgreSQL for the run (core's harness); each test file gets its own database.
    globalSetup: ['src/testing/test-global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
