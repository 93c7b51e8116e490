import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);
const sdk = fileURLToPath(new URL('..', import.meta.url));

it('packs a tarball with every entry in ESM, CJS and types, and an exports map naming them', async () => {
  const out = await mkdtemp(path.join(tmpdir(), 'kredo-sdk-pack-'));
  // `prepack` builds dist first, so the tarball is never stale.
  await run('pnpm', ['pack', '--pack-destination', out], { cwd: sdk });
  const { stdout } = await run('sh', ['-c', `tar -tzf "${out}"/*.tgz`]);
  const files = stdout.split('\n');
  for (const entry of ['index', 'testing', 'host', 'sandbox']) {
    for (const extension of ['js', 'cjs', 'd.ts', 'd.cts']) {
      expect(files).toContain(`package/dist/${entry}.${extension}`);
    }
  }
  expect(files).toContain('package/dist/cli.js');
  // The bin is a committed shim (it exists before any build) that runs dist/cli.js in the tarball.
  expect(files).toContain('package/bin/kredo-plugin.js');
  expect(files).toContain('package/dist/plugin-runtime.js');
  expect(files.filter((file) => file.startsWith('package/src/'))).toEqual([]);
  const manifest = await run('sh', ['-c', `tar -xzOf "${out}"/*.tgz package/package.json`]);
  const { exports } = JSON.parse(manifest.stdout) as { exports: Record<string, unknown> };
  expect(Object.keys(exports)).toEqual(['.', './testing', './host', './sandbox', './package.json']);
  // `kredo-source` (the TypeScript source, for this repository) is a condition no installer sets.
  expect(exports['./sandbox']).toMatchObject({ import: { default: './dist/sandbox.js' } });
}, 60_000);

// A partner's project installs the tarball (dependencies from the registry, or pnpm's store offline)
// and uses all three ways in: ESM, CommonJS, the test kit running a plugin in the sandbox, and the bin.
it('installs from the tarball into a fresh project that builds and tests a plugin with it', async () => {
  const out = await mkdtemp(path.join(tmpdir(), 'kredo-sdk-tarball-'));
  await run('pnpm', ['pack', '--pack-destination', out], { cwd: sdk });
  const { stdout: tarball } = await run('sh', ['-c', `ls "${out}"/*.tgz`]);
  const project = await mkdtemp(path.join(tmpdir(), 'kredo-partner-'));
  const manifest = {
    id: 'com.example.smoke',
    name: 'Smoke',
    version: '1.0.0',
    publisher: { id: 'com.example', name: 'Example' },
    requirements: { core: '^0.1.0' },
    hooks: [{ name: 'payment.received', kind: 'event' }],
    scopes: ['payments:read'],
  };
  await writeFile(
    path.join(project, 'package.json'),
    JSON.stringify({
      name: 'smoke',
      private: true,
      type: 'module',
      dependencies: { '@kredo/sdk': `file:${tarball.trim()}` },
    }),
  );
  await mkdir(path.join(project, 'src'));
  await writeFile(
    path.join(project, 'src', 'plugin.js'),
    `import { definePlugin, defineHook, ok } from '@kredo/sdk';
export default definePlugin({ manifest: ${JSON.stringify(manifest)}, hooks: [
  defineHook('payment.received', async (event, ctx) => { await ctx.storage.set('seen', event.eventId); return ok(undefined); }),
] });`,
  );
  await writeFile(
    path.join(project, 'smoke.mjs'),
    `import { createRequire } from 'node:module';
import { validateManifest } from '@kredo/sdk';
import { createPluginTester } from '@kredo/sdk/testing';
const cjs = createRequire(import.meta.url)('@kredo/sdk');
const manifest = ${JSON.stringify(manifest)};
const tester = await createPluginTester({ entry: 'src/plugin.js', manifest });
const result = await tester.run('payment.received', { eventId: 'evt_1' });
console.log(JSON.stringify({ esm: validateManifest(manifest).ok, cjs: typeof cjs.validateManifest, result, storage: [...tester.storage] }));
await tester.close();`,
  );
  await run('pnpm', ['install', '--prefer-offline', '--ignore-workspace'], { cwd: project });
  const { stdout } = await run(process.execPath, ['--no-node-snapshot', 'smoke.mjs'], { cwd: project });
  expect(JSON.parse(stdout)).toEqual({
    esm: true,
    cjs: 'function',
    result: { ok: true, value: { ok: true } },
    storage: [['seen', 'evt_1']],
  });
  const help = await run(path.join(project, 'node_modules', '.bin', 'kredo-plugin'), ['--help'], {
    cwd: project,
  });
  expect(help.stdout).toContain('kredo-plugin init');
}, 120_000);
