import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Test helper: a temporary plugin project made of the given files. */
export async function fixtureProject(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kredo-plugin-'));
  for (const [file, contents] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), contents);
  }
  return dir;
}

export const fixtureManifest = {
  id: 'com.example.fixture',
  name: 'Fixture',
  version: '1.2.0',
  publisher: { id: 'com.example', name: 'Example' },
  requirements: { core: '^0.1.0' },
  hooks: [
    { name: 'invoice.overdue', kind: 'event' },
    { name: 'reminder.compose', kind: 'filter' },
  ],
  scopes: ['debtors:read', 'invoices:read'],
};

/** A plugin with two hooks, relative imports (its manifest.json among them) and a type-only import of the SDK. */
export const fixturePluginFiles = {
  'src/plugin.ts': `import { definePlugin, defineHook, ok, type PluginManifest } from '@kredo/sdk';
import manifest from '../manifest.json' with { type: 'json' };
import { payUrl } from './pay-url.ts';

export default definePlugin({
  manifest: manifest as PluginManifest,
  hooks: [
    defineHook('invoice.overdue', () => ok()),
    defineHook('reminder.compose', (reminder) => ok({ links: [{ label: 'Pay', url: payUrl(reminder.reminderId) }] })),
  ],
});
`,
  'src/pay-url.ts': `export const payUrl = (id: string): string => \`https://pay.example.com/\${id}\`;\n`,
  'manifest.json': JSON.stringify(fixtureManifest),
};
