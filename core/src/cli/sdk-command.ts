import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { workspaceRoot } from '../config/load-config.ts';
import { type Command, UsageError } from './command.ts';

/** This checkout's SDK package: what a partner outside the repository builds plugins with. */
const sdkDir = fileURLToPath(new URL('../../../sdk/', import.meta.url));

export const sdkCommand: Command = {
  name: 'sdk',
  summary: 'Pack @kredo/sdk into a tarball for plugin projects outside this repository (sdk pack)',
  help: `Usage: pnpm kredo sdk pack [--out <dir>]

Builds @kredo/sdk and packs it with pnpm pack into <dir> (default .kredo/sdk at the workspace root),
then prints how to start a plugin project outside this repository that installs the SDK from that
tarball. Until @kredo/sdk is published on npm, this is how a partner gets it
(docs/plugins/author-guide.md).`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { out: { type: 'string' } },
      strict: true,
    });
    if (positionals[0] !== 'pack' || positionals.length > 1) {
      throw new UsageError('the only sdk action is "pack": pnpm kredo sdk pack [--out <dir>]');
    }
    const caller = process.env.KREDO_CALLER_CWD ?? process.env.INIT_CWD ?? process.cwd();
    const out = path.resolve(caller, values.out ?? path.join(workspaceRoot(), '.kredo', 'sdk'));
    const tarball = await packSdk(out);
    console.log(nextSteps(tarball));
    return 0;
  },
};

/** `pnpm pack` in sdk/ (its prepack script builds dist first); answers the tarball's absolute path. */
export async function packSdk(out: string): Promise<string> {
  await mkdir(out, { recursive: true });
  const { version } = JSON.parse(readFileSync(path.join(sdkDir, 'package.json'), 'utf8')) as {
    version: string;
  };
  await promisify(execFile)('pnpm', ['pack', '--pack-destination', out], { cwd: sdkDir });
  const tarball = path.join(out, `kredo-sdk-${version}.tgz`);
  if (!existsSync(tarball)) throw new Error(`pnpm pack did not write ${tarball}`);
  return tarball;
}

function nextSteps(tarball: string): string {
  const bin = path.join(sdkDir, 'bin', 'kredo-plugin.js');
  return `Packed @kredo/sdk: ${tarball}

Until @kredo/sdk is on npm, a plugin project outside this repository takes it from this file.
Start one (Node 24; any folder outside this repository):

  node ${bin} init ../my-plugin --sdk ${tarball}
  cd ../my-plugin && pnpm install && pnpm run build && pnpm test

(npm install works as well.) The project's README and docs/plugins/author-guide.md say what next.`;
}
