import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);
const sdk = fileURLToPath(new URL('..', import.meta.url));

it('packs a tarball with both entries in ESM, CJS and types, and an exports map naming them', async () => {
  const out = await mkdtemp(path.join(tmpdir(), 'kredo-sdk-pack-'));
  // `prepack` builds dist first, so the tarball is never stale.
  await run('pnpm', ['pack', '--pack-destination', out], { cwd: sdk });
  const { stdout } = await run('sh', ['-c', `tar -tzf "${out}"/*.tgz`]);
  const files = stdout.split('\n');
  for (const entry of ['index', 'testing']) {
    for (const extension of ['js', 'cjs', 'd.ts', 'd.cts']) {
      expect(files).toContain(`package/dist/${entry}.${extension}`);
    }
  }
  expect(files).toContain('package/dist/cli.js');
  expect(files).toContain('package/dist/plugin-runtime.js');
  expect(files.filter((file) => file.startsWith('package/src/'))).toEqual([]);
  const manifest = await run('sh', ['-c', `tar -xzOf "${out}"/*.tgz package/package.json`]);
  const { exports } = JSON.parse(manifest.stdout) as { exports: Record<string, unknown> };
  expect(Object.keys(exports)).toEqual(['.', './testing', './package.json']);
}, 60_000);
