import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../db/test-database.ts';
import { listCatalogue } from '../marketplace/index.ts';
import { seedDemoPlugins } from './seed-demo-plugins.ts';

const db = await createTestDatabase();

function pluginDir(root: string, id: string, built: boolean) {
  const dir = path.join(root, id);
  mkdirSync(path.join(dir, 'dist'), { recursive: true });
  const manifest = {
    id,
    name: id,
    version: '0.1.0',
    publisher: { id: 'dev.kredo', name: 'Kredo' },
    requirements: { core: '^0.1.0' },
    hooks: [{ name: 'payment.received', kind: 'event' }],
    scopes: ['payments:read'],
  };
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  if (built) {
    writeFileSync(
      path.join(dir, 'dist', 'plugin.js'),
      "globalThis.__kredo = { hooks: { 'payment.received': () => undefined } };",
    );
  }
}

describe('the demo catalogue', () => {
  it('publishes the built reference plugins once, signed and verified like a partner upload', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'kredo-demo-plugins-'));
    pluginDir(root, 'dev.kredo.built', true);
    pluginDir(root, 'dev.kredo.unbuilt', false);
    const said: string[] = [];
    const first = await seedDemoPlugins(db.orm, { directory: root, onProgress: (line) => said.push(line) });
    expect(first).toEqual(['dev.kredo.built@0.1.0']);
    expect(said.join('\n')).toContain('dev.kredo.unbuilt: not built');
    expect(await seedDemoPlugins(db.orm, { directory: root })).toEqual([]);
    const catalogue = await listCatalogue(db.orm.em.fork());
    expect(catalogue.map((entry) => [entry.pluginId, entry.publisher.name])).toEqual([
      ['dev.kredo.built', 'Kredo'],
    ]);
  });
});
