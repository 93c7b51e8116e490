import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPlugin } from './build.ts';
import { fixtureManifest, fixturePluginFiles, fixtureProject } from './fixture-project.ts';
import { publishVersion } from './publish.ts';
import { validatePlugin } from './validate.ts';

// manifest.json is what the marketplace verifies and the tenant consents to; the bundle carries the
// manifest it was built with. A pair that differs must never be validated or published.

let requests = 0;
const marketplace = createServer((_request, response) => {
  requests += 1;
  response.writeHead(201, { 'content-type': 'application/json' }).end('{}');
});
await new Promise<void>((resolve) => marketplace.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(marketplace.address() as AddressInfo).port}/api/v1`;
afterAll(() => new Promise((resolve) => marketplace.close(resolve)));

/** A built project whose manifest.json was then changed to `edited`, with a signature to publish. */
async function editedAfterBuild(edited: unknown) {
  const dir = await fixtureProject({ ...fixturePluginFiles, 'signature.jws': 'aaa.bbb.ccc\n' });
  await buildPlugin({ cwd: dir, entry: 'src/plugin.ts', out: 'dist/plugin.js' });
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(edited));
  return {
    manifestFile: path.join(dir, 'manifest.json'),
    bundleFile: path.join(dir, 'dist/plugin.js'),
    signatureFile: path.join(dir, 'signature.jws'),
  };
}

const widened = {
  ...fixtureManifest,
  http: { origins: ['https://api.example.com'] },
};

describe('a manifest.json that is not the one built into the bundle', () => {
  it('validate refuses it, naming the first difference', async () => {
    const files = await editedAfterBuild(widened);
    expect(await validatePlugin(files.manifestFile, files.bundleFile)).toEqual([
      {
        where: files.bundleFile,
        message:
          `${files.manifestFile} differs from the manifest built into ${files.bundleFile} at http ` +
          `({"origins":["https://api.example.com"]} in ${files.manifestFile}, nothing in the bundle); ` +
          'rebuild with kredo-plugin build, with src/plugin.ts importing manifest.json',
      },
    ]);
  });

  it('validate names a changed version by its path, and key order does not count', async () => {
    const reordered = Object.fromEntries(Object.entries(fixtureManifest).reverse());
    const same = await editedAfterBuild(reordered);
    expect(await validatePlugin(same.manifestFile, same.bundleFile)).toEqual([]);
    const bumped = await editedAfterBuild({ ...fixtureManifest, version: '1.2.1' });
    const [problem] = await validatePlugin(bumped.manifestFile, bumped.bundleFile);
    expect(problem?.message).toContain('at version ("1.2.1" in');
    const hooks = await editedAfterBuild({ ...fixtureManifest, hooks: [fixtureManifest.hooks[0]] });
    const [hookProblem] = await validatePlugin(hooks.manifestFile, hooks.bundleFile);
    expect(hookProblem?.message).toContain('at hooks[1] (nothing in');
  });

  it('publish refuses it before sending anything', async () => {
    const files = await editedAfterBuild(widened);
    await expect(publishVersion({ ...files, url, token: 'tok' })).rejects.toThrow(
      /^publish refused: .*manifest\.json differs from the manifest built into .*dist\/plugin\.js at http/,
    );
    expect(requests).toBe(0);
  });

  it('validate and publish refuse a bundle that carries no manifest', async () => {
    const dir = await fixtureProject({
      'manifest.json': JSON.stringify(fixtureManifest),
      'dist/plugin.js': "globalThis.__kredo = { hooks: { 'invoice.overdue': () => {} } };",
      'signature.jws': 'aaa.bbb.ccc\n',
    });
    const files = {
      manifestFile: path.join(dir, 'manifest.json'),
      bundleFile: path.join(dir, 'dist/plugin.js'),
      signatureFile: path.join(dir, 'signature.jws'),
    };
    const [problem] = await validatePlugin(files.manifestFile, files.bundleFile);
    expect(problem?.message).toMatch(/carries no manifest: build it with kredo-plugin build/);
    await expect(publishVersion({ ...files, url, token: 'tok' })).rejects.toThrow(/carries no manifest/);
    expect(requests).toBe(0);
  });
});
