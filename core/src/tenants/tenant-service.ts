import type { Orm } from '../db/orm.ts';
import { readAsTenant, withTenantClient } from '../db/tenant-scope.ts';
import { notFound } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';

/**
 * Creates a tenant. Its row is written under its own id, so row-level security applies to this
 * insert as to every other; there is no cross-tenant path.
 */
export async function createTenant(orm: Orm, name: string): Promise<{ id: string; name: string }> {
  const id = newId('tenant');
  await withTenantClient(orm, id, (client) =>
    client.query('insert into tenant (id, name) values ($1, $2)', [id, name]),
  );
  return { id, name };
}

/** Refuses an unknown tenant as not found: row-level security would show it an empty world instead. */
export async function checkTenant(orm: Orm, tenantId: string): Promise<void> {
  const rows = await readAsTenant(orm, tenantId, (em) =>
    em.execute('select 1 from tenant where id = ?', [tenantId]),
  );
  if (rows.length === 0) throw notFound('Tenant', tenantId);
}

/**
 * The names of these tenants, by id (the identity server's tenant choice asks). Each is read under its
 * own tenant, as row-level security wants; an unknown id is left out. At most 50 ids: one person's
 * memberships, not a listing of tenants.
 */
export async function tenantNames(orm: Orm, tenantIds: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const tenantId of [...new Set(tenantIds)].slice(0, 50)) {
    const rows = await readAsTenant(orm, tenantId, (em) =>
      em.execute<{ name: string }[]>('select name from tenant where id = ?', [tenantId]),
    );
    if (rows[0]) names.set(tenantId, rows[0].name);
  }
  return names;
}
