import type { CapabilityName } from '@kredo/sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, notFound } from '../shared/errors.ts';
import { providersSql } from './installation-sql.ts';

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
  plugin: string;
  granted_scopes: string[];
  webhooks: string[];
}

const select = `select p.id, p.plugin, p.granted_scopes, p.webhooks from ${providersSql('?')} p`;

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
    ? await em.execute<Row[]>(`${select} where p.id = ?`, [capability, installationId])
    : await em.execute<Row[]>(`${select} order by p.created_at, p.id limit 1`, [capability]);
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
  const [row] = await em.execute<Row[]>(`${select} where p.id = ?`, [capability, installationId]);
  return row ? present(row) : undefined;
}

/** Whether an enabled installation of the tenant provides `capability`: what a UI offers or hides. */
export async function providesCapability(em: EntityManager, capability: CapabilityName): Promise<boolean> {
  const rows = await em.execute<Row[]>(`${select} limit 1`, [capability]);
  return rows.length > 0;
}

function present(row: Row): CapabilityInstallation {
  return {
    id: row.id,
    plugin: row.plugin,
    grantedScopes: row.granted_scopes,
    webhooks: row.webhooks,
  };
}
