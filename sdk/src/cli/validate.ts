import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { manifestEntryPoints } from '../entry-points.ts';
import { type PluginManifest, validateManifest } from '../manifest.ts';
import { bundleExports } from './bundle-exports.ts';
import { CliError } from './cli-error.ts';
import type { Command } from './command.ts';
import { manifestMismatch } from './manifest-match.ts';
import { readJson } from './read-json.ts';

export interface ValidationProblem {
  /** `manifest.json: hooks[0].name`, or the bundle file. */
  where: string;
  message: string;
}

/**
 * The manifest against the schema, then against the manifest built into the bundle, then its hooks
 * against the bundle's, both ways. The bundle is loaded in node:vm (bundle-exports.ts): a static
 * check, not a run in the sandbox.
 */
export async function validatePlugin(manifestFile: string, bundleFile: string): Promise<ValidationProblem[]> {
  const manifest = await readJson(manifestFile);
  const checked = validateManifest(manifest);
  if (!checked.ok) {
    return checked.errors.map((error) => ({
      where: `${manifestFile}: ${error.path || '(root)'}`,
      message: error.message,
    }));
  }
  let code: string;
  try {
    code = await readFile(bundleFile, 'utf8');
  } catch {
    throw new CliError(`cannot read ${bundleFile}; run kredo-plugin build first`);
  }
  const exported = bundleExports(code, bundleFile);
  const mismatch = manifestMismatch(manifestFile, manifest, bundleFile, exported.manifest);
  if (mismatch !== undefined) return [{ where: bundleFile, message: mismatch }];
  const built = new Set(exported.hooks);
  const expected = manifestEntryPoints(checked.manifest);
  const problems: ValidationProblem[] = [];
  for (const entry of expected) {
    if (entry.required && !built.has(entry.name)) {
      problems.push({
        where: `${manifestFile}: ${whereDeclared(checked.manifest, entry.name)}`,
        message: `"${entry.name}" is declared but ${bundleFile} does not implement it`,
      });
    }
  }
  const names = new Set(expected.map((entry) => entry.name));
  for (const name of built) {
    if (!names.has(name)) {
      problems.push({
        where: bundleFile,
        message: `"${name}" is built but the manifest does not declare it`,
      });
    }
  }
  return problems;
}

/** The manifest path that declares an entry point: `hooks[0].name`, `capabilities[1]`, `webhooks[0].name`. */
function whereDeclared(manifest: PluginManifest, entry: string): string {
  const hook = (manifest.hooks ?? []).findIndex((declared) => declared.name === entry);
  if (hook >= 0) return `hooks[${hook}].name`;
  if (entry.startsWith('webhook:')) {
    const index = (manifest.webhooks ?? []).findIndex((declared) => `webhook:${declared.name}` === entry);
    return `webhooks[${index}].name`;
  }
  const capability = entry.slice('capability:'.length).split('.')[0];
  return `capabilities[${(manifest.capabilities ?? []).indexOf(capability as never)}]`;
}

export const validateCommand: Command = {
  name: 'validate',
  usage: 'validate [manifest.json] [dist/plugin.js]',
  summary:
    "check the manifest, that it is the one built into the bundle, and that its hooks match the bundle's",
  async run(argv) {
    const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
    const [manifestFile = 'manifest.json', bundleFile = 'dist/plugin.js'] = positionals;
    const problems = await validatePlugin(manifestFile, bundleFile);
    if (problems.length > 0) {
      throw new CliError(`invalid:\n${problems.map((p) => `  ${p.where}: ${p.message}`).join('\n')}`);
    }
    console.log(`${manifestFile} and ${bundleFile} are valid`);
  },
};
