import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { CliError } from './cli-error.ts';

/** What `kredo-plugin login` keeps for `publish`: a partner's access token, and for whom and until when. */
export interface SavedToken {
  issuer: string;
  accessToken: string;
  /** The publisher the token acts for (its `publisher` claim). */
  publisher: string;
  /** Epoch seconds. */
  expiresAt: number;
}

/**
 * Where the token is kept: `KREDO_PLUGIN_TOKEN_FILE`, else `kredo-plugin/token.json` in the user's
 * configuration directory (`XDG_CONFIG_HOME`, or `~/.config`): never in the project, so it cannot be
 * committed with it.
 */
export function tokenFile(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KREDO_PLUGIN_TOKEN_FILE) return env.KREDO_PLUGIN_TOKEN_FILE;
  const config = env.XDG_CONFIG_HOME || path.join(homedir(), '.config');
  return path.join(config, 'kredo-plugin', 'token.json');
}

/** Writes the token readable by its owner only (mode 0600), over an earlier one. */
export async function saveToken(file: string, token: SavedToken): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, `${JSON.stringify(token, null, 2)}\n`, { mode: 0o600 });
}

/**
 * The saved token while it has a minute left; undefined when there is none. An expired one is a
 * CliError saying to log in again rather than a request the marketplace would refuse with 401.
 */
export async function savedToken(file: string, now = Date.now()): Promise<SavedToken | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  let token: SavedToken;
  try {
    token = JSON.parse(text) as SavedToken;
  } catch {
    throw new CliError(`${file} is not a token kredo-plugin login saved: log in again`);
  }
  if (typeof token?.accessToken !== 'string' || typeof token.expiresAt !== 'number')
    throw new CliError(`${file} is not a token kredo-plugin login saved: log in again`);
  if (token.expiresAt * 1000 < now + 60_000)
    throw new CliError(`the token of kredo-plugin login has expired: run kredo-plugin login again`);
  return token;
}
