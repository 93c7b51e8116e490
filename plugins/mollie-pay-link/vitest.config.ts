import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const sdk = (file: string) => fileURLToPath(new URL(`../../sdk/src/${file}`, import.meta.url));

export default defineConfig({
  // The SDK from source, as tsconfig.node.json's `paths` maps it.
  resolve: {
    alias: [
      { find: /^@kredo\/sdk\/testing$/, replacement: sdk('testing/index.ts') },
      { find: /^@kredo\/sdk$/, replacement: sdk('index.ts') },
    ],
  },
  test: {
    include: ['src/**/*.test.ts', 'fake/**/*.test.ts'],
    testTimeout: 30_000,
    // The test kit runs the bundle in isolated-vm, which needs Node without its startup snapshot.
    pool: 'forks',
    poolOptions: { forks: { execArgv: ['--no-node-snapshot'] } },
  },
});
