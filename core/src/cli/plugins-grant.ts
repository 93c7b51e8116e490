import type { GrantParts } from '../marketplace/index.ts';
import { UsageError } from './command.ts';

/** The flags an upgrade grants with, one per part of a grant; `--grant` stays the scopes. */
export interface GrantFlags {
  grant?: string[];
  'grant-origin'?: string[];
  'grant-secret'?: string[];
  'grant-hook'?: string[];
  'grant-webhook'?: string[];
  'grant-capability'?: string[];
}

export const GRANT_FLAGS = [
  'grant',
  'grant-origin',
  'grant-secret',
  'grant-hook',
  'grant-webhook',
  'grant-capability',
] as const satisfies readonly (keyof GrantFlags)[];

const LIST_FLAGS = {
  scopes: 'grant',
  origins: 'grant-origin',
  hooks: 'grant-hook',
  webhooks: 'grant-webhook',
  capabilities: 'grant-capability',
} as const;

/** `--grant a,b --grant c` → [a, b, c]. */
export function flagList(values: string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((value) => value.split(','))
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** What the flags grant, in the API's shape; `--grant-secret apiKey=https://api.example.com`. */
export function readGrant(flags: GrantFlags): GrantParts {
  const grant: GrantParts = {};
  for (const [part, flag] of Object.entries(LIST_FLAGS) as [keyof typeof LIST_FLAGS, keyof GrantFlags][]) {
    const entries = flagList(flags[flag]);
    if (entries.length > 0) grant[part] = entries;
  }
  for (const pair of flagList(flags['grant-secret'])) {
    const at = pair.indexOf('=');
    if (at <= 0 || at === pair.length - 1) {
      throw new UsageError(`--grant-secret takes key=origin (apiKey=https://api.example.com), got "${pair}"`);
    }
    const secret = pair.slice(0, at);
    grant.secretOrigins = {
      ...grant.secretOrigins,
      [secret]: [...(grant.secretOrigins?.[secret] ?? []), pair.slice(at + 1)],
    };
  }
  return grant;
}

/** The flags that would grant `parts`: what a refused upgrade tells the admin to add. */
export function grantFlags(parts: GrantParts): string {
  const flags: string[] = [];
  for (const [part, flag] of Object.entries(LIST_FLAGS) as [keyof typeof LIST_FLAGS, string][]) {
    if (parts[part]?.length) flags.push(`--${flag} ${parts[part].join(',')}`);
  }
  for (const [secret, origins] of Object.entries(parts.secretOrigins ?? {})) {
    for (const origin of origins) flags.push(`--grant-secret ${secret}=${origin}`);
  }
  return flags.join(' ');
}
