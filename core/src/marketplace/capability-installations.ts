import type { CapabilityName } from '@kredo/sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, notFound } from '../shared/errors.ts';

/** An enabled installation that provides a capability, with what core needs to call it and to trust its answer. */
export interface CapabilityInstallation {
  id: string;
  /** `pluginId@version`, recorded beside what the plugin brought in. */
  plugin: string;
  grantedScopes: readonly string[];
  /** The manifest's declared webhook names, in order. */
  webhooks: readonly string[];
}

interface Row {
  id: string;
  plugin_id: string;
  version: string;
  granted_scopes: string[];
  webhooks: string[];
}

const select = `select i.id, i.plugin_id, i.version, i.granted_scopes,
    coalesce(array(select w ->> 'name' from jsonb_array_elements(v.manifest -> 'webhooks') w), '{}') as webhooks
  from installation i
  join plugin_version v on v.plugin_id = i.plugin_id and v.version = i.version
  where i.enabled and coalesce(v.manifest -> 'capabilities', '[]') @> jsonb_build_array(?::text)`;

/**
 * The installation that answers for `capability`, under the tenant's row-level security: the one
 * asked for, or the tenant's first installed one. Refused when none is enabled, or when the one asked
 * for does not provide it.
 */
export async function capabilityInstallation(
  em: EntityManager,
  capability: CapabilityName,
  installationId?: string,
): Promise<CapabilityInstallation> {
  const rows = installationId
    ? await em.execute<Row[]>(`${select} and i.id = ?`, [capability, installationId])
    : await em.execute<Row[]>(`${select} order by i.created_at, i.id limit 1`, [capability]);
  const row = rows[0];
  if (row) return present(row);
  if (installationId) throw notFound('Installation', installationId);
  throw new DomainError(
    'capability_not_installed',
    409,
    `No enabled plugin provides ${capability}; install one from the marketplace`,
    { capability },
  );
}

/**
 * The installation, when it is enabled and provides `capability`; else undefined. For what a plugin
 * reports by webhook, which core logs and ignores rather than fails.
 */
export async function findCapabilityInstallation(
  em: EntityManager,
  capability: CapabilityName,
  installationId: string,
): Promise<CapabilityInstallation | undefined> {
  const [row] = await em.execute<Row[]>(`${select} and i.id = ?`, [capability, installationId]);
  return row ? present(row) : undefined;
}

function present(row: Row): CapabilityInstallation {
  return {
    id: row.id,
    plugin: `${row.plugin_id}@${row.version}`,
    grantedScopes: row.granted_scopes,
    webhooks: row.webhooks,
  };
}
