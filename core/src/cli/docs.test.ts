import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { BENCH_GROUPS } from '../bench/run-benchmarks.ts';
import { commands } from './commands.ts';
import { settingsMarkdown } from './config-command.ts';

// What the docs say about the CLI, checked against the CLI, so that they cannot drift apart.
const doc = (name: string) => readFile(new URL(`../../../docs/${name}`, import.meta.url), 'utf8');

describe('the docs', () => {
  it('configuration.md holds the settings table `kredo config --markdown` prints', async () => {
    expect(await doc('configuration.md')).toContain(`\n${settingsMarkdown()}\n`);
  });

  it('getting-started.md names every kredo command', async () => {
    const sentence = /The commands are ([^.]+?); each takes `--help`/.exec(
      await doc('getting-started.md'),
    )?.[1];
    const named = [...(sentence ?? '').matchAll(/`(\w+)`/g)].map(([, name]) => name);
    expect(named).toEqual(commands.map((command) => command.name));
  });

  it('operations.md names every bench group', async () => {
    const only = /\| `--only` \| [^|]+ \| ([^|]+) \|/.exec(await doc('operations.md'))?.[1] ?? '';
    expect([...only.matchAll(/`(\w+)`/g)].map(([, group]) => group)).toEqual([...BENCH_GROUPS]);
  });
});
