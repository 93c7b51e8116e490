import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build, type Message } from 'esbuild';
import { bundleExports } from './bundle-exports.ts';
import { CliError } from './cli-error.ts';
import type { Command } from './command.ts';
import { importAllowlist } from './import-allowlist.ts';

export interface BuildOptions {
  /** The module whose default export is `definePlugin({ … })`. */
  entry: string;
  out: string;
  /** Paths are relative to it; default `process.cwd()`. */
  cwd?: string;
}

export interface BuiltBundle {
  out: string;
  bytes: number;
  hooks: string[];
}

/**
 * The wrapper esbuild bundles: it turns the plugin's hook list into the sandbox's bundle format and
 * hands each hook the SDK's `PluginContext` over the sandbox's own context. It also leaves the
 * manifest the plugin was defined with beside the hooks, where `validate` and `publish` compare it
 * with manifest.json (the sandbox reads only `hooks`).
 */
const wrapperSource = (entry: string) => `
import plugin from ${JSON.stringify(entry)};
import { adaptContext } from '@kredo/sdk';
const hooks = {};
const definition = plugin || {};
const wrap = (fn, self) => (payload, ctx) => fn.call(self, payload, adaptContext(ctx));
for (const registration of definition.hooks || []) hooks[registration.name] = wrap(registration.handler);
const capabilities = definition.capabilities || {};
for (const name of Object.keys(capabilities)) {
  const implementation = capabilities[name] || {};
  for (const operation of Object.keys(implementation)) {
    if (typeof implementation[operation] === 'function') {
      hooks['capability:' + name + '.' + operation] = wrap(implementation[operation], implementation);
    }
  }
}
const webhooks = definition.webhooks || {};
const capabilityWebhook = [capabilities.payLink, capabilities.collection].find(
  (implementation) => implementation && typeof implementation.handleWebhook === 'function',
);
for (const declared of (definition.manifest && definition.manifest.webhooks) || []) {
  const own = Object.hasOwn(webhooks, declared.name) ? webhooks[declared.name] : undefined;
  const handler = own ? wrap(own) : capabilityWebhook ? wrap(capabilityWebhook.handleWebhook, capabilityWebhook) : undefined;
  if (handler) hooks['webhook:' + declared.name] = (request, ctx) => handler({ ...request, name: declared.name }, ctx);
}
globalThis.__kredo = { hooks, manifest: definition.manifest };
`;

export interface BundledPlugin {
  /** The bundle: one classic script assigning `globalThis.__kredo`. */
  code: string;
  hooks: string[];
}

/**
 * Bundles the plugin into one classic script in memory and lists the hooks it exposes: what
 * `kredo-plugin build` writes and what `@kredo/sdk/testing` loads into the sandbox.
 * `label` names the bundle in error messages.
 */
export async function bundlePlugin(options: {
  entry: string;
  cwd?: string;
  label?: string;
}): Promise<BundledPlugin> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const entry = path.resolve(cwd, options.entry);
  const wrapper = path.join(path.dirname(entry), '<kredo-bundle>');

  const result = await build({
    stdin: { contents: wrapperSource(entry), resolveDir: path.dirname(entry), sourcefile: wrapper },
    absWorkingDir: cwd,
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'neutral',
    target: 'es2022',
    legalComments: 'none',
    logLevel: 'silent',
    plugins: [importAllowlist(wrapper)],
  }).catch((error: unknown) => {
    const errors = (error as { errors?: Message[] }).errors;
    if (!errors) throw error;
    throw new CliError(`build failed:\n${errors.map(formatMessage).join('\n')}`);
  });

  const code = result.outputFiles[0]?.text ?? '';
  return { code, hooks: bundleExports(code, options.label ?? path.relative(cwd, entry)).hooks };
}

/** Bundles the plugin into one classic script, writes it and lists the hooks it exposes. */
export async function buildPlugin(options: BuildOptions): Promise<BuiltBundle> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const out = path.resolve(cwd, options.out);
  const { code, hooks } = await bundlePlugin({ entry: options.entry, cwd, label: path.relative(cwd, out) });
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, code);
  return { out, bytes: Buffer.byteLength(code), hooks };
}

function formatMessage(message: Message): string {
  const where = message.location ? `${message.location.file}:${message.location.line}: ` : '';
  return `  ${where}${message.text}`;
}

export const buildCommand: Command = {
  name: 'build',
  usage: 'build [--entry src/plugin.ts] [--out dist/plugin.js]',
  summary: 'bundle the plugin into one sandbox script (node built-ins and foreign imports refused)',
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        entry: { type: 'string', default: 'src/plugin.ts' },
        out: { type: 'string', default: 'dist/plugin.js' },
      },
    });
    const built = await buildPlugin({ entry: values.entry, out: values.out });
    const hooks = built.hooks.length > 0 ? built.hooks.join(', ') : 'none';
    console.log(`${path.relative(process.cwd(), built.out)}: ${built.bytes} bytes, hooks: ${hooks}`);
  },
};
