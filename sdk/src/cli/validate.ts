import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { validateManifest } from '../manifest.ts';
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
  const declared = checked.manifest.hooks ?? [];
  const problems: ValidationProblem[] = [];
  declared.forEach((hook, index) => {
    if (!built.has(hook.name)) {
      problems.push({
        where: `${manifestFile}: hooks[${index}].name`,
        message: `"${hook.name}" is declared but ${bundleFile} has no such hook`,
      });
    }
  });
  const names = new Set(declared.map((hook) => hook.name as string));
  for (const name of built) {
    if (!names.has(name)) {
      problems.push({
        where: bundleFile,
        message: `hook "${name}" is built but not declared in the manifest's hooks`,
      });
    }
  }
  return problems;
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
