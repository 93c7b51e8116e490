import type { ConfigField } from '@kredo/sdk';
import { UsageError } from './command.ts';

/** Where a command reads and writes: the process's own streams, or a test's. */
export interface PluginsIo {
  out(text: string): void;
  err(text: string): void;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?(raw: boolean): unknown };
  env: NodeJS.ProcessEnv;
}

export interface SettingsFlags {
  set?: string[];
  unset?: string[];
  secret?: string[];
  'secret-env'?: string[];
}

type Change = {
  config?: Record<string, string | number | boolean | null>;
  secrets?: Record<string, string | null>;
};

/**
 * The settings change the flags ask for, typed by the manifest's fields. Secret values come from
 * stdin or the environment only: argv is visible in `ps` and shell history.
 */
export async function readSettings(flags: SettingsFlags, fields: ConfigField[], io: PluginsIo) {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const config: NonNullable<Change['config']> = {};
  const secrets: NonNullable<Change['secrets']> = {};
  const put = (secret: boolean, key: string, value: string | number | boolean | null) => {
    if (secret) secrets[key] = value as string | null;
    else config[key] = value;
  };
  for (const pair of flags.set ?? []) {
    const [key, value] = splitPair(pair, '--set key=value');
    if (byKey.get(key)?.secret) {
      throw new UsageError(
        `${key} is a secret: give it with --secret ${key} (stdin) or --secret-env, not --set`,
      );
    }
    put(false, key, typed(byKey.get(key), value));
  }
  for (const key of flags.unset ?? []) put(byKey.get(key)?.secret === true, key, null);
  for (const pair of flags['secret-env'] ?? []) {
    const [key, name] = splitPair(pair, '--secret-env key=ENV_VAR');
    const value = io.env[name];
    if (!value) throw new UsageError(`--secret-env ${key}: environment variable ${name} is not set`);
    put(true, key, value);
  }
  const fromStdin = flags.secret ?? [];
  const values = await readSecretLines(fromStdin, io);
  fromStdin.forEach((key, i) => {
    put(true, key, values[i] as string);
  });
  const change: Change = {};
  if (Object.keys(config).length > 0) change.config = config;
  if (Object.keys(secrets).length > 0) change.secrets = secrets;
  return change;
}

/** `--set` values arrive as text; number and boolean fields get their type, the rest stay strings. */
function typed(field: ConfigField | undefined, value: string): string | number | boolean {
  if (field?.type === 'number' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  if (field?.type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

function splitPair(pair: string, shape: string): [string, string] {
  const at = pair.indexOf('=');
  if (at <= 0) throw new UsageError(`expected ${shape}, got "${pair}"`);
  return [pair.slice(0, at), pair.slice(at + 1)];
}

/** One line per secret, in the order named: prompted without echo on a terminal, else read from the pipe. */
async function readSecretLines(keys: string[], io: PluginsIo): Promise<string[]> {
  if (keys.length === 0) return [];
  const values = io.stdin.isTTY && io.stdin.setRawMode ? await promptAll(keys, io) : await pipedLines(io);
  return keys.map((key, i) => {
    const value = values[i];
    if (!value) throw new UsageError(`--secret ${key}: no value on line ${i + 1} of stdin`);
    return value;
  });
}

async function pipedLines(io: PluginsIo): Promise<string[]> {
  let text = '';
  for await (const chunk of io.stdin) text += chunk.toString();
  return text.split(/\r?\n/);
}

async function promptAll(keys: string[], io: PluginsIo): Promise<string[]> {
  const values: string[] = [];
  for (const key of keys) values.push(await promptHidden(`${key}: `, io));
  return values;
}

/** Reads one line in raw mode, echoing nothing; Ctrl-C or Ctrl-D gives up. */
function promptHidden(prompt: string, io: PluginsIo): Promise<string> {
  const stdin = io.stdin;
  io.err(prompt);
  stdin.setRawMode?.(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const done = (error?: Error) => {
      stdin.removeListener('data', onData);
      stdin.setRawMode?.(false);
      stdin.pause();
      io.err('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString()) {
        if (char === '\r' || char === '\n') return done();
        if (char === '\u0003' || char === '\u0004') return done(new UsageError('cancelled'));
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else value += char;
      }
    };
    stdin.on('data', onData);
  });
}
