import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cliNodeArgs } from './test-cli.ts';

const run = promisify(execFile);
const repository = fileURLToPath(new URL('../../../', import.meta.url));

// The partner's path until @kredo/sdk is on npm, followed as docs/plugins/author-guide.md tells it:
// `pnpm kredo sdk pack`, the init command it prints, then install, build, typecheck, test and
// validate in a folder outside this repository, with no workspace to lean on.
describe('pnpm kredo sdk pack, for a partner outside the repository', () => {
  it('packs a tarball and prints an init that makes a project which installs, builds and passes its tests', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'kredo-sdk-out-'));
    // As `pnpm kredo` runs it, in core/.
    const packed = await run(process.execPath, cliNodeArgs('sdk', 'pack', '--out', out), {
      cwd: path.join(repository, 'core'),
    });
    const tarball = path.join(out, 'kredo-sdk-0.1.0.tgz');
    expect(packed.stdout).toContain(`Packed @kredo/sdk: ${tarball}`);
    const init = /^ {2}node (\S+) init \.\.\/my-plugin --sdk (\S+)$/m.exec(packed.stdout);
    expect(init?.[2]).toBe(tarball);

    // The printed command, from a folder outside the repository, as the partner types it.
    const home = await mkdtemp(path.join(tmpdir(), 'kredo-partner-home-'));
    const cwd = path.join(home, 'work');
    await run('mkdir', ['-p', cwd]);
    const created = await run(
      process.execPath,
      [init?.[1] as string, 'init', '../my-plugin', '--sdk', tarball],
      {
        cwd,
      },
    );
    expect(created.stdout).toContain(`@kredo/sdk in package.json: file:${tarball}`);
    const project = path.join(home, 'my-plugin');
    expect(path.relative(repository, project).startsWith('..')).toBe(true);
    const manifest = JSON.parse(await readFile(path.join(project, 'package.json'), 'utf8'));
    expect(manifest.devDependencies['@kredo/sdk']).toBe(`file:${tarball}`);

    // No workspace above it: the SDK from the tarball, its dependencies from the registry (pnpm's store).
    await run('pnpm', ['install', '--prefer-offline', '--ignore-workspace'], { cwd: project });
    const steps: [string[], RegExp][] = [
      [['run', 'build'], /dist\/plugin\.js: \d+ bytes, hooks: payment\.received/],
      [['run', 'typecheck'], /tsc/],
      [['test'], /1 scenarios passed/],
      [['run', 'validate'], /manifest\.json and dist\/plugin\.js are valid/],
    ];
    for (const [args, expected] of steps) {
      const { stdout } = await run('pnpm', args, { cwd: project });
      expect(stdout).toMatch(expected);
    }
  }, 300_000);
});
