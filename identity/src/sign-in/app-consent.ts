import { AUDIT_TYPES, type AuditActor } from '../audit/audit-log.ts';
import type { Queryable } from '../db/queryable.ts';
import { revokeGrants } from './revoke-grants.ts';

/** An application a person allowed, as their applications page lists it. */
export interface Consent {
  clientId: string;
  name: string;
  tenantId: string;
  scopes: string[];
  grantedAt: Date;
}

/** The scopes the person allowed this application (remembered until revoked); undefined if none. */
export async function consentedScopes(
  db: Queryable,
  accountId: string,
  clientId: string,
): Promise<string[] | undefined> {
  const { rows } = await db.query<{ scopes: string[] }>(
    'select scopes from identity.app_consent where account_id = $1 and client_id = $2',
    [accountId, clientId],
  );
  return rows[0]?.scopes;
}

/** Remembers what the person allowed, with its audit event `consent.given`, in one statement. */
export async function recordConsent(
  db: Queryable,
  input: { accountId: string; clientId: string; tenantId: string; scopes: string[] },
  ip: string | null,
): Promise<void> {
  await db.query(
    `with saved as (
       insert into identity.app_consent (account_id, client_id, scopes) values ($1, $2, $3)
       on conflict (account_id, client_id) do update set scopes = excluded.scopes, granted_at = now()
     )
     insert into identity.audit_event (type, tenant_id, actor_id, subject_id, ip, details)
     values ($4, $5, $1, $2, $6, jsonb_build_object('scopes', to_jsonb($3::text[])))`,
    [input.accountId, input.clientId, input.scopes, AUDIT_TYPES.consentGiven, input.tenantId, ip],
  );
}

/** The applications (not revoked) a person allowed, most recent first. */
export async function listConsents(db: Queryable, accountId: string): Promise<Consent[]> {
  const { rows } = await db.query<{
    client_id: string;
    name: string;
    tenant_id: string;
    scopes: string[];
    granted_at: Date;
  }>(
    `select c.client_id, a.name, a.tenant_id, c.scopes, c.granted_at from identity.app_consent c
     join identity.app a on a.client_id = c.client_id and a.revoked_at is null
     where c.account_id = $1 order by c.granted_at desc, c.client_id`,
    [accountId],
  );
  return rows.map((row) => ({
    clientId: row.client_id,
    name: row.name,
    tenantId: row.tenant_id,
    scopes: row.scopes,
    grantedAt: row.granted_at,
  }));
}

/**
 * Takes back a person's consent to an application: forgotten (the next sign-in asks again), and the
 * grants it gave revoked with their refresh tokens. Audited `consent.revoked`. False when there was none.
 */
export async function revokeConsent(
  db: Queryable,
  accountId: string,
  clientId: string,
  by: AuditActor,
): Promise<boolean> {
  const { rows } = await db.query<{ tenant_id: string }>(
    `with gone as (
       delete from identity.app_consent where account_id = $1 and client_id = $2 returning client_id
     ), audited as (
       insert into identity.audit_event (type, tenant_id, actor_id, subject_id, ip, details)
       select $3, a.tenant_id, $4, $1, $5, jsonb_build_object('clientId', a.client_id, 'name', a.name)
       from gone join identity.app a using (client_id)
       returning tenant_id
     )
     select tenant_id from audited`,
    [accountId, clientId, AUDIT_TYPES.consentRevoked, by.actorId, by.ip],
  );
  await revokeGrants(db, { accountId, clientId });
  return rows.length > 0;
}
