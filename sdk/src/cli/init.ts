import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sdkPackage from '../../package.json' with { type: 'json' };
import { CliError } from './cli-error.ts';
import type { Command } from './command.ts';

/**
 * The files of a new plugin project, by path: small enough to read in one go. `sdk` is where
 * package.json takes `@kredo/sdk` from: a version range on the npm registry by default, or
 * `file:<tarball>` for an SDK packed locally (`pnpm kredo sdk pack`) until it is published there.
 */
export function scaffold(name: string, sdk: string): Record<string, string> {
  const id = `com.example.${
    name
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'plugin'
  }`;
  const manifest = {
    id,
    name,
    version: '0.1.0',
    publisher: { id: 'com.example', name: 'Example' },
    requirements: { core: '^0.1.0' },
    hooks: [{ name: 'payment.received', kind: 'event' }],
    scopes: ['payments:read'],
  };
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const sdkNote = sdk.startsWith('file:')
    ? `
\`@kredo/sdk\` comes from a packed tarball (\`${sdk}\`) until it is on npm. To move to a newer SDK, pack
it (\`pnpm kredo sdk pack\` in Kredo's repository), point \`package.json\` at the new file, install again.
`
    : '';
  return {
    'package.json': json({
      name,
      version: '0.1.0',
      private: true,
      type: 'module',
      scripts: {
        build: 'kredo-plugin build',
        test: 'kredo-plugin test',
        validate: 'kredo-plugin validate',
        typecheck: 'tsc',
      },
      devDependencies: { '@kredo/sdk': sdk, typescript: '^5.9.0' },
    }),
    'tsconfig.json': json({
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        // No Node types: a plugin runs in the sandbox, where there is no process, Buffer or fs.
        lib: ['ES2022'],
        types: [],
        strict: true,
        resolveJsonModule: true,
        noEmit: true,
      },
      include: ['src'],
    }),
    'manifest.json': json(manifest),
    'src/plugin.ts': `import { definePlugin, defineHook, fail, ok, type PluginManifest } from '@kredo/sdk';
import manifest from '../manifest.json' with { type: 'json' };

export default definePlugin({
  manifest: manifest as PluginManifest,
  hooks: [
    defineHook('payment.received', (event) => {
      const allocated = event.payment.allocations.reduce((sum, a) => sum + a.amount.amount, 0);
      if (allocated > event.payment.amount.amount) {
        return fail('over_allocated', \`payment \${event.payment.id} allocates more than it pays\`);
      }
      return ok();
    }),
  ],
});
`,
    'test/payment-received.scenario.json': json({
      name: 'a payment that allocates no more than it pays is accepted',
      hook: 'payment.received',
      payload: {
        idempotencyKey: 'evt_1:ins_1',
        eventId: 'evt_1',
        name: 'payment.received',
        occurredAt: '2026-01-15T09:30:00Z',
        payment: {
          id: 'pay_1',
          administrationId: 'adm_1',
          debtorId: 'dbt_1',
          amount: { amount: 12100, currency: 'EUR' },
          paidOn: '2026-01-15',
          reference: 'INV-1001',
          allocations: [{ invoiceId: 'inv_1', amount: { amount: 12100, currency: 'EUR' } }],
        },
      },
      expect: { ok: true },
    }),
    'README.md': `# ${name}

A Kredo plugin. The manifest is \`manifest.json\`; the code is \`src/plugin.ts\`.

\`\`\`sh
pnpm install                                 # or npm install; Node 24
pnpm kredo-plugin build                      # dist/plugin.js
pnpm test                                    # test/*.scenario.json in the sandbox (kredo-plugin test)
pnpm kredo-plugin validate                   # manifest.json against dist/plugin.js
pnpm kredo-plugin keygen --out key.json      # once; keep key.json out of git
pnpm kredo-plugin sign --key key.json --out signature.jws
pnpm kredo-plugin publish --url http://localhost:3000/api/v1 --token $TOKEN
\`\`\`

Each \`test/*.scenario.json\` names a hook, its payload and the expected outcome; see the SDK's
testing guide for recorded HTTP, \`ctx.core\` records and \`@kredo/sdk/testing\` in your own tests.

Set \`publisher\` in \`manifest.json\` to your own: its \`id\` is your domain reversed (\`com.example\`),
the publisher id the marketplace knows you by, and the plugin \`id\` must start with it and a dot.
A secret setting names the origins of \`http.origins\` it may be sent to. Raise \`version\` for every
publish. \`src/plugin.ts\` imports \`manifest.json\`: the bundle carries the manifest it was built
with, and \`validate\` and \`publish\` refuse a \`manifest.json\` changed since the last build.
${sdkNote}`,
    '.gitignore': 'node_modules\ndist\nkey.json\nsignature.jws\n',
  };
}

/**
 * Writes the scaffold into `dir`, which must be missing or empty. With `sdk` (a packed `.tgz`), the
 * project takes `@kredo/sdk` from that file, by absolute path, so it installs outside this repository.
 */
export async function initProject(
  dir: string,
  options: { sdk?: string } = {},
): Promise<{ files: string[]; sdk: string }> {
  const existing = await readdir(dir).catch(() => []);
  if (existing.length > 0) throw new CliError(`${dir} is not empty`);
  const sdk = options.sdk === undefined ? undefined : await sdkTarball(options.sdk);
  const dependency = sdk === undefined ? `^${sdkPackage.version}` : `file:${sdk}`;
  const files = scaffold(path.basename(path.resolve(dir)), dependency);
  for (const [file, contents] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), contents);
  }
  return { files: Object.keys(files), sdk: dependency };
}

/** The absolute path of a packed SDK, which must be an existing `.tgz` file. */
async function sdkTarball(given: string): Promise<string> {
  const file = path.resolve(given);
  const found = await stat(file).catch(() => undefined);
  if (!found?.isFile() || !file.endsWith('.tgz')) {
    throw new CliError(`--sdk ${given} is not a packed SDK (.tgz); make one with pnpm kredo sdk pack`);
  }
  return file;
}

export const initCommand: Command = {
  name: 'init',
  usage: 'init <dir> [--sdk kredo-sdk-<version>.tgz]',
  summary:
    'scaffold a plugin project with one payment.received event hook and a test scenario; --sdk takes @kredo/sdk from a packed tarball',
  async run(argv) {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { sdk: { type: 'string' } },
    });
    const [dir] = positionals;
    if (!dir) throw new CliError('init needs a directory: kredo-plugin init <dir>');
    const created = await initProject(dir, values.sdk === undefined ? {} : { sdk: values.sdk });
    console.log(`created ${dir}: ${created.files.join(', ')}`);
    console.log(`@kredo/sdk in package.json: ${created.sdk}`);
    if (values.sdk === undefined) {
      console.log('(until @kredo/sdk is on npm: init with --sdk <tarball>, made by pnpm kredo sdk pack)');
    }
    console.log(`next: cd ${dir} && pnpm install && pnpm run build && pnpm test   (npm works too)`);
  },
};
