import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { validateManifest } from '../manifest.ts';
import { createPluginTester } from '../testing/index.ts';
import { bundlePlugin } from './build.ts';
import { CliError } from './cli-error.ts';
import type { Command } from './command.ts';
import { readJson } from './read-json.ts';
import { mismatch, parseScenario } from './test-scenario.ts';

export interface TestRunOptions {
  manifest: string;
  /** A built bundle; without it, `entry` is built in memory as `kredo-plugin build` builds it. */
  bundle?: string;
  entry: string;
  scenarios: string;
  cwd?: string;
  print?: (line: string) => void;
}

/**
 * Runs every `<scenarios>/*.scenario.json` in the production sandbox (see @kredo/sdk/testing), prints
 * one line each and answers how many failed.
 */
export async function runScenarios(options: TestRunOptions): Promise<{ passed: number; failed: number }> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const print = options.print ?? console.log;
  const checked = validateManifest(await readJson(path.resolve(cwd, options.manifest)));
  if (!checked.ok) {
    const lines = checked.errors.map(
      (error) => `  ${options.manifest}: ${error.path || '(root)'}: ${error.message}`,
    );
    throw new CliError(`invalid manifest:\n${lines.join('\n')}`);
  }
  const dir = path.resolve(cwd, options.scenarios);
  const files = (await readdir(dir).catch(() => [] as string[]))
    .filter((file) => file.endsWith('.scenario.json'))
    .sort();
  if (files.length === 0) throw new CliError(`no ${options.scenarios}/*.scenario.json files found`);

  const scratch = await mkdtemp(path.join(tmpdir(), 'kredo-plugin-test-'));
  try {
    let bundle = options.bundle === undefined ? undefined : path.resolve(cwd, options.bundle);
    if (bundle === undefined) {
      bundle = path.join(scratch, 'plugin.js');
      await writeFile(bundle, (await bundlePlugin({ entry: options.entry, cwd })).code);
    }
    let failed = 0;
    for (const file of files) {
      const relative = path.join(options.scenarios, file);
      const scenario = parseScenario(await readJson(path.join(dir, file)), relative);
      const tester = await createPluginTester({
        bundle,
        manifest: checked.manifest,
        cwd,
        ...(scenario.config && { config: scenario.config }),
        ...(scenario.secrets && { secrets: scenario.secrets }),
        ...(scenario.grantedScopes && { grantedScopes: scenario.grantedScopes }),
        ...(scenario.http && { http: scenario.http }),
        ...(scenario.core && { core: scenario.core }),
        ...(scenario.storage && { storage: scenario.storage }),
      });
      try {
        const reason = mismatch(scenario, await tester.run(scenario.hook, scenario.payload ?? null));
        if (reason !== undefined) failed += 1;
        print(reason === undefined ? `✓ ${scenario.name}` : `✗ ${scenario.name}: ${reason}`);
      } finally {
        await tester.close();
      }
    }
    return { passed: files.length - failed, failed };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

export const testCommand: Command = {
  name: 'test',
  usage:
    'test [--manifest manifest.json] [--bundle dist/plugin.js | --entry src/plugin.ts] [--scenarios test]',
  summary: 'run test/*.scenario.json in the production sandbox and limits, against a fake host',
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        manifest: { type: 'string', default: 'manifest.json' },
        bundle: { type: 'string' },
        entry: { type: 'string', default: 'src/plugin.ts' },
        scenarios: { type: 'string', default: 'test' },
      },
    });
    const { passed, failed } = await runScenarios({
      manifest: values.manifest,
      entry: values.entry,
      scenarios: values.scenarios,
      ...(values.bundle !== undefined && { bundle: values.bundle }),
    });
    if (failed > 0) throw new CliError(`${failed} of ${passed + failed} scenarios failed`);
    console.log(`${passed} scenarios passed`);
  },
};
