import type { AuditActor } from '../audit/audit-log.ts';
import type { Queryable } from '../db/queryable.ts';

/** The tables of clients a tenant admin manages: API clients and third-party applications. */
export type ClientTable = 'identity.client' | 'identity.app';

/**
 * A tenant's clients of one table, revoked ones included, oldest first: all of them, or a page of
 * `limit` listed after the client `after` (a caller paging asks for one more than it shows).
 */
export async function listTenantClients<Row extends object>(
  db: Queryable,
  table: ClientTable,
  tenantId: string,
  page: { after?: string; limit?: number },
): Promise<Row[]> {
  const { rows } = await db.query<Row>(
    `select * from ${table}
     where tenant_id = $1
       and ($2::text is null or (created_at, client_id) >
            (select created_at, client_id from ${table} where tenant_id = $1 and client_id = $2))
     order by created_at, client_id limit $3`,
    [tenantId, page.after ?? null, page.limit ?? null],
  );
  return rows;
}

/**
 * Revokes a client of the tenant, recorded in the audit log as done `by` someone, in the same
 * statement, the first time only (revoking again changes nothing). False when the tenant has no such
 * client.
 */
export async function revokeTenantClient(
  db: Queryable,
  table: ClientTable,
  input: { tenantId: string; clientId: string; auditType: string },
  by: AuditActor,
): Promise<boolean> {
  const { rows } = await db.query<{ found: number }>(
    `with target as (
       select client_id, revoked_at from ${table} where tenant_id = $1 and client_id = $2 for update
     ), revoked as (
       update ${table} c set revoked_at = now() from target
       where c.client_id = target.client_id and target.revoked_at is null
       returning c.client_id, c.name
     ), audited as (
       insert into identity.audit_event (type, tenant_id, actor_id, subject_id, ip, details)
       select $3, $1, $4, client_id, $5, jsonb_build_object('name', name) from revoked
     )
     select count(*)::int as found from target`,
    [input.tenantId, input.clientId, input.auditType, by.actorId, by.ip],
  );
  return (rows[0]?.found ?? 0) > 0;
}
