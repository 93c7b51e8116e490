import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Type-level assertions (expectTypeOf) are checked by `tsc` in the typecheck script, which includes the tests.
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 30_000,
    // isolated-vm (the sandbox, the test kit) needs Node started without its startup snapshot.
    pool: 'forks',
    poolOptions: { forks: { execArgv: ['--no-node-snapshot'] } },
  },
});
