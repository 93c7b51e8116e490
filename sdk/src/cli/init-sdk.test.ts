import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureProject } from './fixture-project.ts';
import { initProject } from './init.ts';

describe('kredo-plugin init --sdk', () => {
  it('takes @kredo/sdk from the packed tarball, by absolute path, and says so in the README', async () => {
    const home = await fixtureProject({ 'packs/kredo-sdk-0.1.0.tgz': 'not really gzip' });
    const cwd = process.cwd();
    process.chdir(home);
    try {
      const created = await initProject('my-plugin', { sdk: 'packs/kredo-sdk-0.1.0.tgz' });
      const tarball = path.join(home, 'packs/kredo-sdk-0.1.0.tgz');
      expect(created.sdk).toBe(`file:${tarball}`);
      const manifest = JSON.parse(await readFile('my-plugin/package.json', 'utf8'));
      expect(manifest.devDependencies['@kredo/sdk']).toBe(`file:${tarball}`);
      expect(await readFile('my-plugin/README.md', 'utf8')).toContain(`packed tarball (\`file:${tarball}\`)`);
    } finally {
      process.chdir(cwd);
    }
  });

  it('refuses a path that is no .tgz file', async () => {
    const home = await fixtureProject({ 'kredo-sdk.zip': 'x' });
    for (const sdk of [path.join(home, 'missing.tgz'), path.join(home, 'kredo-sdk.zip'), home]) {
      await expect(initProject(path.join(home, 'p'), { sdk })).rejects.toThrow(
        `--sdk ${sdk} is not a packed SDK (.tgz); make one with pnpm kredo sdk pack`,
      );
    }
  });

  it('without --sdk, asks for the version range on npm', async () => {
    const home = await fixtureProject({});
    const created = await initProject(path.join(home, 'p'));
    expect(created.sdk).toBe('^0.1.0');
  });
});
