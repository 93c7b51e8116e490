import { secretOrigins } from '@kredo/sdk/host';
import type { PluginManifest } from './verify-manifest.ts';

/**
 * What a tenant consented to for an installation: everything its plugin version may do or reach.
 * Recorded at install, compared on every upgrade, and what the runtime's host enforces (origins,
 * secret bindings). The one owner of an installation's grant.
 */
export interface PluginGrant {
  /** Data it may read and write (`ctx.core`, what capabilities store). */
  scopes: string[];
  /** Where it may connect. */
  origins: string[];
  /** By secret: the origins the host may send it to. */
  secretOrigins: Record<string, string[]>;
  /** Filters and events it runs on. */
  hooks: string[];
  /** Inbound webhooks anyone may call it through. */
  webhooks: string[];
  /** What core may ask it to do (pay links, credit checks, …). */
  capabilities: string[];
}

/** The list-valued parts of a grant, in the order they are named to the tenant. */
const LISTS = ['scopes', 'origins', 'hooks', 'webhooks', 'capabilities'] as const;

/** Everything `manifest` asks a tenant to grant. */
export function grantAskedBy(manifest: PluginManifest): PluginGrant {
  return {
    scopes: [...(manifest.scopes ?? [])],
    origins: [...(manifest.http?.origins ?? [])],
    secretOrigins: secretOrigins(manifest),
    hooks: (manifest.hooks ?? []).map((hook) => hook.name),
    webhooks: (manifest.webhooks ?? []).map((webhook) => webhook.name),
    capabilities: [...(manifest.capabilities ?? [])],
  };
}

/** A grant's parts, each optional: what an upgrade call grants, and what a refusal says widens. */
export type GrantParts = Partial<PluginGrant>;

/**
 * What `asked` has that `granted` lacks, part by part and entry by entry (a secret counts per origin
 * it is bound to); undefined when `asked` stays within `granted`. Pure: the upgrade's consent rule.
 */
export function widening(granted: PluginGrant, asked: PluginGrant): GrantParts | undefined {
  return nonEmpty(subtract(asked, granted));
}

/** The entries of `given` that `asked` does not ask for: a grant of something not asked is a mistake. */
export function unasked(given: GrantParts, asked: PluginGrant): GrantParts | undefined {
  return nonEmpty(subtract(given, asked));
}

/** `granted` with `given` added. */
export function withGrant(granted: PluginGrant, given: GrantParts): PluginGrant {
  const merged = { ...granted, secretOrigins: { ...granted.secretOrigins } };
  for (const part of LISTS) merged[part] = union(granted[part], given[part] ?? []);
  for (const [secret, origins] of Object.entries(given.secretOrigins ?? {})) {
    merged.secretOrigins[secret] = union(granted.secretOrigins[secret] ?? [], origins);
  }
  return merged;
}

/** For people: `origins https://b.example; secret apiKey to https://b.example`. */
export function describeGrant(parts: GrantParts): string {
  const lines: string[] = [];
  for (const part of LISTS) {
    if (parts[part]?.length) lines.push(`${part} ${parts[part].join(', ')}`);
  }
  for (const [secret, origins] of Object.entries(parts.secretOrigins ?? {})) {
    lines.push(`secret ${secret} to ${origins.join(', ')}`);
  }
  return lines.join('; ');
}

function subtract(from: GrantParts, minus: PluginGrant): GrantParts {
  const rest: GrantParts = {};
  for (const part of LISTS) {
    const extra = (from[part] ?? []).filter((entry) => !minus[part].includes(entry));
    if (extra.length > 0) rest[part] = extra;
  }
  for (const [secret, origins] of Object.entries(from.secretOrigins ?? {})) {
    const extra = origins.filter((origin) => !(minus.secretOrigins[secret] ?? []).includes(origin));
    if (extra.length > 0) rest.secretOrigins = { ...rest.secretOrigins, [secret]: extra };
  }
  return rest;
}

function nonEmpty(parts: GrantParts): GrantParts | undefined {
  return Object.keys(parts).length === 0 ? undefined : parts;
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}
