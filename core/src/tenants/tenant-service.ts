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
