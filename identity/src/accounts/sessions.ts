import { AUDIT_TYPES, type AuditActor, recordAudit } from '../audit/audit-log.ts';
import type { Queryable } from '../db/queryable.ts';
import { revokeGrants } from '../sign-in/revoke-grants.ts';

/** A person's browser sign-in, as a tenant admin sees it: no cookie value, no token. */
export interface SessionView {
  /** The session's uid (oidc-provider's; not the cookie's value, which stays secret). */
  id: string;
  /** When the person signed in. */
  createdAt: Date;
  /** When the session was last written: a sign-in or an authorization request with it. */
  lastUsedAt: Date;
  expiresAt: Date | null;
  /** The clients it signed in to for this tenant, by name (a client id when it has none stored). */
  clients: { clientId: string; name: string }[];
}

interface SessionRow {
  uid: string;
  login_ts: number | null;
  updated_at: Date;
  expires_at: Date | null;
  clients: { clientId: string; name: string }[];
  grant_ids: string[];
}

/**
 * An account's live sessions that signed in to some client for `tenantId` (an authorization whose
 * grant was given for the tenant: grant-membership.ts), newest first. A session that only reached
 * other tenants is not this tenant's to see.
 */
async function tenantSessions(
  db: Queryable,
  tenantId: string,
  accountId: string,
  now: Date,
  uid?: string,
): Promise<SessionRow[]> {
  const { rows } = await db.query<SessionRow>(
    `select s.payload ->> 'uid' as uid, (s.payload ->> 'loginTs')::bigint as login_ts, s.updated_at, s.expires_at,
       t.clients, t.grant_ids
     from identity.payload s
     cross join lateral (
       select coalesce(jsonb_agg(distinct jsonb_build_object('clientId', a.key,
                'name', coalesce(app.name, cli.name, a.key))), '[]') as clients,
              coalesce(array_agg(distinct a.value ->> 'grantId'), '{}') as grant_ids
       from jsonb_each(coalesce(s.payload -> 'authorizations', '{}')) a
       join identity.grant_membership m on m.grant_id = a.value ->> 'grantId' and m.tenant_id = $2
       left join identity.app app on app.client_id = a.key
       left join identity.client cli on cli.client_id = a.key
     ) t
     where s.model = 'Session' and s.payload ->> 'accountId' = $1
       and (s.expires_at is null or s.expires_at > $3)
       and ($4::text is null or s.payload ->> 'uid' = $4)
       and cardinality(t.grant_ids) > 0
     order by s.updated_at desc`,
    [accountId, tenantId, now, uid ?? null],
  );
  return rows;
}

/** The account's sessions that reached `tenantId`, newest first. */
export async function listSessions(
  db: Queryable,
  tenantId: string,
  accountId: string,
  now: Date = new Date(),
): Promise<SessionView[]> {
  return (await tenantSessions(db, tenantId, accountId, now)).map((row) => ({
    id: row.uid,
    createdAt: row.login_ts ? new Date(row.login_ts * 1000) : row.updated_at,
    lastUsedAt: row.updated_at,
    expiresAt: row.expires_at,
    clients: row.clients,
  }));
}

/**
 * Ends one session of the account that reached the tenant: the browser is signed out (of every
 * tenant: a session is the person's, and leaving it alive would let it sign in again without a
 * password) and the tenant's grants it holds are revoked with their refresh tokens. Access tokens
 * already issued run out at their `exp`. Audited `session.revoked`. False when there is no such
 * session for this tenant.
 */
export async function revokeSession(
  db: Queryable,
  input: { tenantId: string; accountId: string; sessionId: string },
  by: AuditActor,
  now: Date = new Date(),
): Promise<boolean> {
  const [session] = await tenantSessions(db, input.tenantId, input.accountId, now, input.sessionId);
  if (!session) return false;
  await db.query(`delete from identity.payload where model = 'Session' and payload ->> 'uid' = $1`, [
    session.uid,
  ]);
  await revokeGrants(db, { accountId: input.accountId, grantIds: session.grant_ids });
  await recordAudit(db, {
    type: AUDIT_TYPES.sessionRevoked,
    tenantId: input.tenantId,
    actorId: by.actorId,
    subjectId: input.accountId,
    ip: by.ip,
    details: { sessionId: session.uid, clients: session.clients.map((client) => client.clientId) },
  });
  return true;
}

/**
 * Ends every session of the account that reached the tenant and revokes every grant it has for the
 * tenant, including those whose session is gone (a refresh token outlives its browser session).
 * Audited `sessions.revoked` with the counts and why (`reason`: `admin`, always; `deactivated`, when
 * there was something to end).
 */
export async function revokeAllSessions(
  db: Queryable,
  input: { tenantId: string; accountId: string; reason: 'admin' | 'deactivated' },
  by: AuditActor,
  now: Date = new Date(),
): Promise<{ sessions: number; grants: number }> {
  const sessions = await tenantSessions(db, input.tenantId, input.accountId, now);
  await db.query(`delete from identity.payload where model = 'Session' and payload ->> 'uid' = any($1)`, [
    sessions.map((session) => session.uid),
  ]);
  const grants = await revokeGrants(db, { accountId: input.accountId, tenantId: input.tenantId });
  // An admin's request is recorded whatever it found; a deactivation only when it ended something.
  if (input.reason === 'admin' || sessions.length + grants > 0)
    await recordAudit(db, {
      type: AUDIT_TYPES.sessionsRevoked,
      tenantId: input.tenantId,
      actorId: by.actorId,
      subjectId: input.accountId,
      ip: by.ip,
      details: { reason: input.reason, sessions: sessions.length, grants },
    });
  return { sessions: sessions.length, grants };
}
