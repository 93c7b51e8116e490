import { randomBytes } from 'node:crypto';
import type { AuditActor } from '../audit/audit-log.ts';
import type { Queryable } from '../db/queryable.ts';
import { ApiClientInputError } from './api-clients.ts';
import { newClientSecret } from './client-secret.ts';

/**
 * A publisher's API client: its CI publishing plugin versions with client credentials. Its tokens
 * carry the `publisher` claim and `marketplace:publish`, no tenant; its ids start `pcl_`, so the
 * client adapter knows which table holds it.
 */
export interface PublisherClient {
  clientId: string;
  publisherId: string;
  name: string;
  createdAt: Date;
  revokedAt: Date | null;
}

export const PUBLISHER_CLIENT_PREFIX = 'pcl_';
/** What a publisher's client may ask for: publishing, nothing of any tenant's. */
export const PUBLISHER_CLIENT_SCOPES = ['marketplace:publish'];
export const PUBLISHER_CLIENT_AUDIT_TYPES = {
  created: 'publisher_client.created',
  revoked: 'publisher_client.revoked',
} as const;

/**
 * SQL: whether the actor (parameter `actor`) is an active admin partner of the publisher (parameter
 * `publisher`). Only they manage its clients: not a client, not a colleague who is no admin.
 */
const adminPartner = (actor: string, publisher: string) => `exists (
  select 1 from identity.partner_membership m join identity.account a on a.id = m.account_id
  where m.account_id = ${actor} and m.publisher_id = ${publisher} and m.admin
    and m.disabled_at is null and a.disabled_at is null)`;

/**
 * A client for the publisher, made by one of its admin partners and audited in the same statement
 * (both or neither). Undefined when `by` is not an admin partner of the publisher. The secret is in
 * the answer only.
 */
export async function createPublisherClient(
  db: Queryable,
  input: { publisherId: string; name: string },
  by: AuditActor,
): Promise<(PublisherClient & { clientSecret: string }) | undefined> {
  const name = input.name.trim();
  if (!name || name.length > 200) throw new ApiClientInputError('name: 1 to 200 characters');
  const clientId = `${PUBLISHER_CLIENT_PREFIX}${randomBytes(12).toString('hex')}`;
  const { secret, sha256 } = newClientSecret();
  const { rows } = await db.query<Row>(
    `with created as (
       insert into identity.publisher_client (client_id, publisher_id, name, secret_sha256)
       select $1, $2, $3, $4 where ${adminPartner('$6', '$2')}
       returning client_id, publisher_id, name, created_at, revoked_at
     ), audited as (
       insert into identity.audit_event (type, tenant_id, actor_id, subject_id, ip, details)
       select $5, null, $6, client_id, $7, jsonb_build_object('publisherId', publisher_id, 'name', name)
       from created
     )
     select * from created`,
    [clientId, input.publisherId, name, sha256, PUBLISHER_CLIENT_AUDIT_TYPES.created, by.actorId, by.ip],
  );
  return rows[0] ? { ...fromRow(rows[0]), clientSecret: secret } : undefined;
}

/** The publisher's clients, revoked ones included, oldest first. */
export async function listPublisherClients(db: Queryable, publisherId: string): Promise<PublisherClient[]> {
  const { rows } = await db.query<Row>(
    `select client_id, publisher_id, name, created_at, revoked_at from identity.publisher_client
     where publisher_id = $1 order by created_at, client_id`,
    [publisherId],
  );
  return rows.map(fromRow);
}

/**
 * Revokes a client of the publisher, by one of its admin partners, audited the first time only.
 * 'not_found' when the publisher has no such client, 'forbidden' when `by` is no admin partner.
 */
export async function revokePublisherClient(
  db: Queryable,
  publisherId: string,
  clientId: string,
  by: AuditActor,
): Promise<'revoked' | 'not_found' | 'forbidden'> {
  const { rows } = await db.query<{ found: number; allowed: boolean }>(
    `with allowed as (select ${adminPartner('$4', '$1')} as ok),
     target as (
       select client_id, revoked_at from identity.publisher_client
       where publisher_id = $1 and client_id = $2 and (select ok from allowed) for update
     ), revoked as (
       update identity.publisher_client c set revoked_at = now() from target
       where c.client_id = target.client_id and target.revoked_at is null
       returning c.client_id, c.name
     ), audited as (
       insert into identity.audit_event (type, tenant_id, actor_id, subject_id, ip, details)
       select $3, null, $4, client_id, $5, jsonb_build_object('publisherId', $1::text, 'name', name) from revoked
     )
     select (select count(*)::int from target) as found, (select ok from allowed) as allowed`,
    [publisherId, clientId, PUBLISHER_CLIENT_AUDIT_TYPES.revoked, by.actorId, by.ip],
  );
  const row = rows[0];
  if (!row?.allowed) return 'forbidden';
  return row.found > 0 ? 'revoked' : 'not_found';
}

/** The client as oidc-provider's adapter needs it, with the stored hash; undefined when unknown or revoked. */
export async function findPublisherClient(db: Queryable, clientId: string) {
  const { rows } = await db.query<Row & { secret_sha256: string }>(
    `select client_id, publisher_id, name, created_at, revoked_at, secret_sha256 from identity.publisher_client
     where client_id = $1 and revoked_at is null`,
    [clientId],
  );
  const row = rows[0];
  return row ? { ...fromRow(row), secretSha256: row.secret_sha256 } : undefined;
}

interface Row {
  client_id: string;
  publisher_id: string;
  name: string;
  created_at: Date;
  revoked_at: Date | null;
}

function fromRow(row: Row): PublisherClient {
  return {
    clientId: row.client_id,
    publisherId: row.publisher_id,
    name: row.name,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}
