import { parseArgs } from 'node:util';
import { type Config, loadConfig } from '../config/load-config.ts';
import { type SettingDef, settings } from '../config/settings.ts';
import type { Command } from './command.ts';

export const configCommand: Command = {
  name: 'config',
  summary:
    'Show every setting: its value here and where it comes from (--markdown: the defaults, for the docs)',
  help: `Usage: pnpm kredo config [--markdown]

Prints every environment variable Kredo reads: the value this environment gives it (secrets only as
set, hidden), whether that comes from the environment or is the default, and what it does. Exits 2
when a value is invalid, naming it.
  --markdown   the table of defaults in docs/configuration.md instead`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { markdown: { type: 'boolean', default: false } },
      strict: true,
    });
    if (values.markdown) {
      console.log(settingsMarkdown());
      return 0;
    }
    const effective = effectiveSettings(process.env);
    console.log(settingsText(effective));
    return effective.some((setting) => setting.invalid) ? 2 : 0;
  },
};

export interface EffectiveSetting {
  env: string;
  value: string;
  from: 'environment' | 'default';
  invalid: boolean;
  doc: string;
}

const rows = () => Object.entries(settings) as [keyof Config, SettingDef<unknown>][];
const shown = (value: unknown) =>
  value === undefined ? '(unset)' : typeof value === 'object' ? JSON.stringify(value) : String(value);

/**
 * Each setting as this environment has it: the value the environment gives (a secret masked) or the
 * default, resolved as Kredo resolves it (the data directory to a path, the public URL from host and
 * port) when the configuration as a whole is valid.
 */
export function effectiveSettings(env: NodeJS.ProcessEnv): EffectiveSetting[] {
  let loaded: Config | undefined;
  try {
    loaded = loadConfig(env);
  } catch {
    loaded = undefined;
  }
  return rows().map(([key, def]) => {
    const raw = env[def.env];
    if (raw === undefined || raw === '') {
      const value = shown(loaded?.[key] ?? def.default);
      return { env: def.env, value, from: 'default', invalid: false, doc: def.doc };
    }
    const problem = parseProblem(def, raw);
    const value = problem
      ? `invalid: ${problem}`
      : def.secret
        ? (def.masked?.(raw) ?? 'set, hidden')
        : shown(loaded?.[key] ?? raw);
    return { env: def.env, value, from: 'environment', invalid: problem !== undefined, doc: def.doc };
  });
}

function parseProblem(def: SettingDef<unknown>, raw: string): string | undefined {
  try {
    def.parse(raw);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

export function settingsMarkdown(): string {
  return [
    '| Variable | Default | Meaning |',
    '|---|---|---|',
    ...rows().map(
      ([, d]) =>
        `| \`${d.env}\` | ${shown(d.default)} | ${d.doc}${d.secret ? ' *Secret: never logged.*' : ''} |`,
    ),
  ].join('\n');
}

function settingsText(effective: EffectiveSetting[]): string {
  const envWidth = Math.max(...effective.map((s) => s.env.length));
  const valueWidth = Math.min(40, Math.max(...effective.map((s) => s.value.length)));
  return [
    `${'VARIABLE'.padEnd(envWidth)}  ${'VALUE'.padEnd(valueWidth)}  ${'FROM'.padEnd(11)}  MEANING`,
    ...effective.map(
      (s) => `${s.env.padEnd(envWidth)}  ${s.value.padEnd(valueWidth)}  ${s.from.padEnd(11)}  ${s.doc}`,
    ),
  ].join('\n');
}
