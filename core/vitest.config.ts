import { defineConfig } from 'vitest/config';

export default defineConfig({
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
