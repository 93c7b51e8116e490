import type { AuditEvent } from '../audit-event.ts';
import type { Queryable } from '../db/queryable.ts';

/**
 * Something that happened in identity, as whoever caused it reports it (audit-event.ts): the sign-in
 * flow through its `onAudit` callback, the admin functions and key rotation directly; `recordAudit`
 * stores it.
 */
export type { AuditEvent };

/** A stored event: what was reported, with its id (ascending in insertion order) and time. */
export interface AuditRecord extends AuditEvent {
  id: string;
  at: Date;
}

/** Who caused a change that core asks identity to make: the principal's subject and address. */
export interface AuditActor {
  actorId: string | null;
  ip: string | null;
}

/** The event types identity records itself; the sign-in side adds its own. */
export const AUDIT_TYPES = {
  apiClientCreated: 'api_client.created',
  apiClientRevoked: 'api_client.revoked',
  signingKeyRotated: 'signing_key.rotated',
  appCreated: 'app.created',
  appRevoked: 'app.revoked',
  consentGiven: 'consent.given',
  consentRevoked: 'consent.revoked',
  sessionRevoked: 'session.revoked',
  sessionsRevoked: 'sessions.revoked',
} as const;

/** Thrown for a listing that cannot be read: the message names the field. */
export class AuditInputError extends Error {
  override name = 'AuditInputError';
}

/** Appends one event. On a client inside a transaction, it commits or rolls back with the change. */
export async function recordAudit(db: Queryable, event: AuditEvent): Promise<void> {
  await db.query(
    `insert into identity.audit_event (type, tenant_id, actor_id, subject_id, ip, details)
     values ($1, $2, $3, $4, $5, $6)`,
    [event.type, event.tenantId, event.actorId, event.subjectId, event.ip, event.details],
  );
}

interface AuditRow {
  id: string;
  at: Date;
  type: string;
  tenant_id: string | null;
  actor_id: string | null;
  subject_id: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

/**
 * A tenant's events, newest first, at most `limit`: those listed after the event `after` (older
 * than it), of one `type` when given. A caller paging asks for one more than it shows.
 */
export async function listAudit(
  db: Queryable,
  query: { tenantId: string; after?: string; limit: number; type?: string },
): Promise<AuditRecord[]> {
  if (query.after !== undefined && !/^[1-9]\d{0,17}$/.test(query.after))
    throw new AuditInputError('after: not an audit event id');
  if (!Number.isInteger(query.limit) || query.limit < 1 || query.limit > 1000)
    throw new AuditInputError('limit: 1 to 1000');
  const { rows } = await db.query<AuditRow>(
    `select id::text, at, type, tenant_id, actor_id, subject_id, ip, details from identity.audit_event
     where tenant_id = $1 and ($2::bigint is null or id < $2::bigint) and ($3::text is null or type = $3)
     order by id desc limit $4`,
    [query.tenantId, query.after ?? null, query.type ?? null, query.limit],
  );
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    type: row.type,
    tenantId: row.tenant_id,
    actorId: row.actor_id,
    subjectId: row.subject_id,
    ip: row.ip,
    details: row.details,
  }));
}
