import { defineConfig } from 'vitest/config';

export default defineConfig({
  // @kredo/sdk from its TypeScript source (its `kredo-source` condition), as tsc and the build take it.
  ssr: { resolve: { conditions: ['kredo-source', 'module', 'node', 'development|production'] } },
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['./scripts/test-setup.ts'],
  },
});
