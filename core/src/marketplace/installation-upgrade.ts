import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict, DomainError, invalid } from '../shared/errors.ts';
import {
  describeGrant,
  type GrantParts,
  grantAskedBy,
  type PluginGrant,
  unasked,
  widening,
  withGrant,
} from './installation-grant.ts';
import {
  grantOf,
  lockRow,
  openSecrets,
  presentInstallation,
  saveRow,
  type TenantPlugins,
} from './installation-service.ts';
import { missingRequired } from './plugin-config.ts';
import { readVersion } from './plugin-versions.ts';

export interface UpgradeInput {
  version: string;
  /** New scopes granted; the same as `grant.scopes`, kept for callers from before `grant`. */
  grantedScopes?: string[];
  /** Whatever else the new version asks for beyond the current grant, in the shape a refusal names it. */
  grant?: GrantParts;
}

/**
 * Moving to another version, step by step. A version that asks for anything not yet granted
 * (scopes, origins, where a secret may go, hooks, webhooks, capabilities) is refused with
 * `grant_required` naming exactly what widens, and the installation keeps running its current version,
 * unless this call grants it. Afterwards the grant is exactly what the new version asks for.
 */
export async function upgradeInstallation(ctx: TenantPlugins, id: string, input: UpgradeInput) {
  return ctx.em.transactional(async (tx) => {
    // 1. The installation, locked, and the version it moves to.
    const row = await lockRow(tx as EntityManager, id, 'for update');
    if (row.version === input.version) {
      throw conflict('same_version', `${row.plugin_id} is already at ${input.version}`, { field: 'version' });
    }
    const { manifest } = await readVersion(tx as EntityManager, row.plugin_id, input.version);
    // 2. The consent this call carries, only of what the new version asks for.
    const asked = grantAskedBy(manifest);
    const given = consentOf(input, asked);
    // 3. Nothing the new version asks for may go beyond what was granted and what this call grants.
    const widens = widening(withGrant(grantOf(row), given), asked);
    if (widens) throw grantRequired(`${row.plugin_id}@${input.version}`, row.version, widens);
    // 4. Settings the new version no longer declares are dropped; an enabled one must have its required ones.
    const keys = new Set((manifest.config ?? []).map((f) => f.key));
    const keep = <T>(values: Record<string, T>) =>
      Object.fromEntries(Object.entries(values).filter(([key]) => keys.has(key)));
    const settings = { config: keep(row.config), secrets: keep(openSecrets(ctx, row)) };
    const needed = row.enabled ? missingRequired(manifest, settings.config, settings.secrets) : undefined;
    if (needed) {
      throw conflict('config_required', `${input.version} needs ${needed} before it can run`, {
        field: needed,
      });
    }
    // 5. The move, with the grant now exactly what the new version asks for.
    return presentInstallation(
      ctx,
      await saveRow(tx as EntityManager, ctx, row, settings, { version: input.version, grant: asked }),
    );
  });
}

/** `grantedScopes` and `grant` as one consent; granting what the version does not ask for is a 400. */
function consentOf(input: UpgradeInput, asked: PluginGrant): GrantParts {
  const scopes = [...(input.grantedScopes ?? []), ...(input.grant?.scopes ?? [])];
  const given: GrantParts = { ...input.grant, ...(scopes.length > 0 ? { scopes } : {}) };
  const extra = unasked(given, asked);
  if (extra === undefined) return given;
  const [part, entries] = Object.entries(extra)[0] as [keyof PluginGrant, unknown];
  const notAsked = `not asked for by ${input.version}`;
  if (part === 'secretOrigins') {
    const [secret, origins] = Object.entries(entries as Record<string, string[]>)[0] as [string, string[]];
    throw invalid(`grant.secretOrigins.${secret}`, `${origins.join(', ')} ${notAsked}`);
  }
  const field = part === 'scopes' && input.grantedScopes?.length ? 'grantedScopes' : `grant.${part}`;
  throw invalid(field, `${(entries as string[]).join(', ')} ${notAsked}`);
}

function grantRequired(plugin: string, current: string, widens: GrantParts): DomainError {
  return new DomainError(
    'grant_required',
    409,
    `${plugin} asks for more than was granted: ${describeGrant(widens)}. ` +
      `Nothing changed: ${current} keeps running until an upgrade grants it`,
    // `missing` (the scopes alone) for callers from before the other parts were compared.
    { field: 'grant', widens, missing: widens.scopes ?? [] },
  );
}
