import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlugin } from './build.ts';
import { fixtureManifest, fixturePluginFiles, fixtureProject } from './fixture-project.ts';
import { validatePlugin } from './validate.ts';

describe('validatePlugin', () => {
  it('finds a hook declared but not built, and one built but not declared', async () => {
    const manifest = {
      ...fixtureManifest,
      hooks: [
        { name: 'invoice.overdue', kind: 'event' },
        { name: 'payment.received', kind: 'event' },
      ],
      scopes: [...fixtureManifest.scopes, 'payments:read'],
    };
    const dir = await fixtureProject({ ...fixturePluginFiles, 'manifest.json': JSON.stringify(manifest) });
    await buildPlugin({ cwd: dir, entry: 'src/plugin.ts', out: 'dist/plugin.js' });
    const manifestFile = path.join(dir, 'manifest.json');
    const bundleFile = path.join(dir, 'dist/plugin.js');

    expect(await validatePlugin(manifestFile, bundleFile)).toEqual([
      {
        where: `${manifestFile}: hooks[1].name`,
        message: `"payment.received" is declared but ${bundleFile} does not implement it`,
      },
      {
        where: bundleFile,
        message: `"reminder.compose" is built but the manifest does not declare it`,
      },
    ]);
  });

  it('reports manifest errors by path, and passes a matching pair', async () => {
    const dir = await fixtureProject({
      ...fixturePluginFiles,
      'bad.json': JSON.stringify({ ...fixtureManifest, http: { origins: ['ftp://x'] } }),
    });
    await buildPlugin({ cwd: dir, entry: 'src/plugin.ts', out: 'dist/plugin.js' });
    const bundleFile = path.join(dir, 'dist/plugin.js');
    const problems = await validatePlugin(path.join(dir, 'bad.json'), bundleFile);
    expect(problems.map((problem) => problem.where)).toEqual([
      `${path.join(dir, 'bad.json')}: http.origins[0]`,
    ]);
    expect(await validatePlugin(path.join(dir, 'manifest.json'), bundleFile)).toEqual([]);
  });

  it('says what the marketplace says: an unbound secret, a foreign id, too many origins', async () => {
    const origins = Array.from({ length: 3000 }, (_, i) => `https://api${i}.example.com`);
    const dir = await fixtureProject({
      ...fixturePluginFiles,
      'unbound.json': JSON.stringify({
        ...fixtureManifest,
        id: 'com.mollie.fixture',
        http: { origins: ['https://api.example.com'] },
        config: [{ key: 'apiKey', type: 'string', label: 'Key', secret: true }],
      }),
      'huge.json': JSON.stringify({ ...fixtureManifest, http: { origins } }),
    });
    const bundleFile = path.join(dir, 'dist/plugin.js');
    expect(await validatePlugin(path.join(dir, 'unbound.json'), bundleFile)).toEqual([
      {
        where: `${path.join(dir, 'unbound.json')}: config[0].origins`,
        message: expect.stringMatching(/^is required/),
      },
      { where: `${path.join(dir, 'unbound.json')}: id`, message: expect.stringContaining('(com.example.…)') },
    ]);
    expect(await validatePlugin(path.join(dir, 'huge.json'), bundleFile)).toEqual([
      { where: `${path.join(dir, 'huge.json')}: (root)`, message: expect.stringContaining('(limit bytes)') },
      {
        where: `${path.join(dir, 'huge.json')}: http.origins`,
        message: expect.stringContaining('(limit origins)'),
      },
    ]);
  });

  it('refuses a file that is not a plugin bundle', async () => {
    const dir = await fixtureProject({
      'manifest.json': JSON.stringify(fixtureManifest),
      'x.js': 'var a = 1;',
    });
    await expect(validatePlugin(path.join(dir, 'manifest.json'), path.join(dir, 'x.js'))).rejects.toThrow(
      'does not set globalThis.__kredo',
    );
  });
});
