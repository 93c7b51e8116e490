import type { EntityManager } from '@mikro-orm/postgresql';
import type { PoolClient } from 'pg';
import {
  ADMINISTRATIONS_SETTING,
  administrationsSettingValue,
  currentAdministrations,
} from './administration-scope.ts';
import type { Orm } from './orm.ts';

/** The database role tenant work runs under: no BYPASSRLS, so row-level security always applies. */
export const APP_ROLE = 'kredo_app';
export const TENANT_SETTING = 'kredo.tenant_id';

/**
 * An EntityManager whose every query runs as the application role with the tenant set, so PostgreSQL's
 * row-level security hides other tenants' rows even from a query that forgets its tenant filter.
 * The role goes in as the `role` setting, which is what `set local role` sets: MikroORM then applies
 * both in one `select set_config(…), set_config(…)` per transaction instead of two statements.
 * Within a request limited to some administrations (db/administration-scope.ts) the session carries
 * that limit too; it is always set, empty for none, so a pooled connection never keeps an earlier one.
 */
export function tenantEm(orm: Orm, tenantId: string): EntityManager {
  const administrations = administrationsSettingValue(currentAdministrations());
  return orm.em.fork({
    session: {
      variables: { [TENANT_SETTING]: tenantId, [ADMINISTRATIONS_SETTING]: administrations, role: APP_ROLE },
    },
  }) as EntityManager;
}

/**
 * Runs `read` in one read-only transaction scoped like `tenantEm`: however many queries `read` sends,
 * the tenant is set once and they see one snapshot. Without it every query is a transaction of its own.
 */
export function readAsTenant<T>(
  orm: Orm,
  tenantId: string,
  read: (em: EntityManager) => Promise<T>,
): Promise<T> {
  return tenantEm(orm, tenantId).transactional(read, { readOnly: true });
}

/**
 * Runs `work` in one transaction on a raw pooled connection scoped like `tenantEm`: for bulk paths
 * (COPY) that the ORM does not cover. Commits when `work` resolves, rolls back when it throws; with
 * `rollback`, rolls back either way (a measurement that must leave no trace).
 */
export async function withTenantClient<T>(
  orm: Orm,
  tenantId: string,
  work: (client: PoolClient) => Promise<T>,
  options: { rollback?: boolean } = {},
): Promise<T> {
  const pool = await orm.em.getConnection().getNativeClient();
  const client = await pool.connect();
  try {
    await client.query('begin');
    await scopeTransaction(client, tenantId);
    const result = await work(client);
    await client.query(options.rollback ? 'rollback' : 'commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Puts the open transaction on `client` under the tenant (and the request's administrations, if it
 * is limited to some), as the application role: what tenantEm's session does, for raw connections.
 */
export async function scopeTransaction(client: PoolClient, tenantId: string): Promise<void> {
  await client.query(
    `select set_config($1, $2, true), set_config($3, $4, true), set_config('role', $5, true)`,
    [
      TENANT_SETTING,
      tenantId,
      ADMINISTRATIONS_SETTING,
      administrationsSettingValue(currentAdministrations()),
      APP_ROLE,
    ],
  );
}
