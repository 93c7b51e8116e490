import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The SDK from its TypeScript source, through its `kredo-source` export condition (as tsc resolves it).
  ssr: { resolve: { conditions: ['kredo-source', 'module', 'node', 'development|production'] } },
  test: {
    include: ['src/**/*.test.ts', 'fake/**/*.test.ts'],
    testTimeout: 30_000,
    // The test kit runs the bundle in isolated-vm, which needs Node without its startup snapshot.
    pool: 'forks',
    poolOptions: { forks: { execArgv: ['--no-node-snapshot'] } },
  },
});
