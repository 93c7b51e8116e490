import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The SDK from source, as core/tsconfig.json's `paths` maps it (tsx follows that mapping itself).
  // `@kredo/sdk/sandbox` is monorepo-internal: core's sandbox, shared with `kredo-plugin test`; it is
  // deliberately not in the SDK's published `exports`. `find` is exact, so the two do not shadow each other.
  resolve: {
    alias: [
      { find: /^@kredo\/sdk$/, replacement: fileURLToPath(new URL('../sdk/src/index.ts', import.meta.url)) },
      {
        find: /^@kredo\/sdk\/sandbox$/,
        replacement: fileURLToPath(new URL('../sdk/src/sandbox/index.ts', import.meta.url)),
      },
    ],
  },
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
