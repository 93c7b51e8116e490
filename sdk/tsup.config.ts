import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node24',
    platform: 'node',
  },
  {
    // The CLI, and the pure part of the SDK it bundles into plugins as `@kredo/sdk`. No splitting:
    // plugin-runtime.js must not share a chunk with the CLI's Node code.
    entry: { cli: 'src/cli/main.ts', 'plugin-runtime': 'src/plugin-runtime.ts' },
    format: ['esm'],
    splitting: false,
    clean: false,
    sourcemap: true,
    target: 'node24',
    platform: 'node',
  },
]);
