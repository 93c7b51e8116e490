import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { manifestEntryPoints } from '../entry-points.ts';
import { type PluginManifest, validateManifest } from '../manifest.ts';
import { bundleHookNames } from './bundle-hooks.ts';
import { CliError } from './cli-error.ts';
import type { Command } from './command.ts';
import { readJson } from './read-json.ts';

export interface ValidationProblem {
  /** `manifest.json: hooks[0].name`, or the bundle file. */
  where: string;
  message: string;
}

/**
 * The manifest against the schema, then its hooks against the bundle's, both ways. The bundle is
 * loaded in node:vm (bundle-hooks.ts): a static check, not a run in the sandbox.
 */
export async function validatePlugin(manifestFile: string, bundleFile: string): Promise<ValidationProblem[]> {
  const checked = validateManifest(await readJson(manifestFile));
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
  const built = new Set(bundleHookNames(code, bundleFile));
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
  summary: "check the manifest and that its hooks match the bundle's (static check in node:vm)",
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
