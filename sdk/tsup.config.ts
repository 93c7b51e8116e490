import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // `.` (the author's API), `./testing` (the test kit), `./host` (what a Kredo host needs: signing,
    // entry points, hook scopes) and `./sandbox` (the sandbox core and the kit run plugins in).
    // isolated-vm and esbuild stay external as dependencies; the shims give the CJS build
    // `import.meta.url`, by which the kit finds dist/plugin-runtime.js to bundle plugins against.
    entry: {
      index: 'src/index.ts',
      testing: 'src/testing/index.ts',
      host: 'src/host.ts',
      sandbox: 'src/sandbox/index.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    shims: true,
    external: ['isolated-vm', 'esbuild'],
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
