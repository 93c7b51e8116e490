import { parseArgs } from 'node:util';
import { type SettingDef, settings } from '../config/settings.ts';
import type { Command } from './command.ts';

export const configCommand: Command = {
  name: 'config',
  summary: 'List every setting with its default (--markdown for docs/configuration.md)',
  help: `Usage: pnpm kredo config [--markdown]

Prints every environment variable Kredo reads, its default and what it does.`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { markdown: { type: 'boolean', default: false } },
      strict: true,
    });
    console.log(values.markdown ? settingsMarkdown() : settingsText());
    return 0;
  },
};

const rows = () => Object.values(settings) as SettingDef<unknown>[];
const shownDefault = (def: SettingDef<unknown>) =>
  def.default === undefined ? '(unset)' : String(def.default);

export function settingsMarkdown(): string {
  return [
    '| Variable | Default | Meaning |',
    '|---|---|---|',
    ...rows().map(
      (d) => `| \`${d.env}\` | ${shownDefault(d)} | ${d.doc}${d.secret ? ' *Secret: never logged.*' : ''} |`,
    ),
  ].join('\n');
}

function settingsText(): string {
  const width = Math.max(...rows().map((d) => d.env.length));
  return rows()
    .map((d) => `${d.env.padEnd(width)}  ${shownDefault(d).padEnd(28)} ${d.doc}`)
    .join('\n');
}
