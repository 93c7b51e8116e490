import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Type-level assertions (expectTypeOf) are checked by `tsc` in the typecheck script, which includes the tests.
  test: { include: ['src/**/*.test.ts'] },
});
