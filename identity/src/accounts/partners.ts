import type pg from 'pg';
import { type AuditActor, recordAudit } from '../audit/audit-log.ts';
import type { Queryable } from '../db/queryable.ts';
import { issueAccountToken } from './account-tokens.ts';
import { AccountInputError, createAccount, findAccountByEmail, type Language } from './accounts.ts';

/**
 * A partner's membership of a publisher: the person publishes plugins for it (the role `partner`).
 * A publisher is a reversed domain (`com.example`), the namespace of its plugin ids in core's
 * marketplace; identity keeps its id and name only, to put in tokens and on the sign-in page.
 */
export interface PartnerMembership {
  accountId: string;
  publisherId: string;
  publisherName: string;
  /** May invite colleagues to the same publisher. */
  admin: boolean;
}

/** One partner of a publisher, as the publisher's admins and the operator see them. */
export interface Partner {
  id: string;
  email: string;
  name: string;
  admin: boolean;
  /** 'invited' until the account has a password (set through the invitation's link). */
  status: 'invited' | 'active';
}

/** The audit types of partner accounts; they belong to no tenant. */
export const PARTNER_AUDIT_TYPES = { invited: 'partner.invited' } as const;

/** A publisher id as core's marketplace takes it (the SDK's PUBLISHER_ID): a reversed domain, two labels or more. */
const PUBLISHER_ID = /^[a-z][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)+$/;

export function isPublisherId(value: string): boolean {
  return value.length <= 64 && PUBLISHER_ID.test(value);
}

/** The account's active partner memberships (a disabled one left out), oldest first. */
export async function partnerMembershipsOf(db: Queryable, accountId: string): Promise<PartnerMembership[]> {
  const { rows } = await db.query<{ publisher_id: string; name: string; admin: boolean }>(
    `select m.publisher_id, p.name, m.admin
     from identity.partner_membership m join identity.publisher p on p.id = m.publisher_id
     where m.account_id = $1 and m.disabled_at is null order by m.created_at, m.publisher_id`,
    [accountId],
  );
  return rows.map((row) => ({
    accountId,
    publisherId: row.publisher_id,
    publisherName: row.name,
    admin: row.admin,
  }));
}

/** The publisher's partners, by account id. */
export async function listPartners(db: Queryable, publisherId: string): Promise<Partner[]> {
  const { rows } = await db.query<{
    id: string;
    email: string;
    name: string;
    admin: boolean;
    invited: boolean;
  }>(
    `select a.id, a.email, a.name, m.admin, a.password_hash is null as invited
     from identity.partner_membership m join identity.account a on a.id = m.account_id
     where m.publisher_id = $1 order by a.id`,
    [publisherId],
  );
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    admin: row.admin,
    status: row.invited ? 'invited' : 'active',
  }));
}

export interface PartnerInvitation {
  publisherId: string;
  /** Names the publisher when it is new to identity; an existing publisher keeps its name. */
  publisherName?: string | undefined;
  email: string;
  name: string;
  language: Language;
  admin: boolean;
}

/**
 * Invites a person to publish for a publisher: the publisher is made when identity does not know it
 * yet (it then needs a name), the account when the e-mail has none (without a password), the partner
 * membership added, and a single-use invitation token issued for the caller to mail. All of it in
 * one transaction, audited `partner.invited` (no tenant). A person already a partner of this
 * publisher is refused (`email: member`).
 *
 * `by.actorId` null is the operator at the command line; any other actor must be an admin partner of
 * the same publisher (`actor: forbidden` otherwise), so a partner invites colleagues, never others.
 */
export async function invitePartner(
  pool: pg.Pool,
  input: PartnerInvitation,
  by: AuditActor,
): Promise<{ accountId: string; token: string; expiresAt: Date }> {
  if (!isPublisherId(input.publisherId)) throw new AccountInputError('publisherId', 'invalid');
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await invite(client, input, by);
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}

async function invite(db: pg.PoolClient, input: PartnerInvitation, by: AuditActor) {
  if (by.actorId !== null && !(await isPartnerAdmin(db, by.actorId, input.publisherId)))
    throw new AccountInputError('actor', 'forbidden');
  await putPublisher(db, input.publisherId, input.publisherName);
  const existing = await findAccountByEmail(db, input.email);
  const account = existing ?? (await createAccount(db, input));
  const { rowCount } = await db.query(
    `insert into identity.partner_membership (account_id, publisher_id, admin) values ($1, $2, $3)
     on conflict do nothing`,
    [account.id, input.publisherId, input.admin],
  );
  if (rowCount === 0) throw new AccountInputError('email', 'member');
  const { token, expiresAt } = await issueAccountToken(db, { purpose: 'invitation', accountId: account.id });
  await recordAudit(db, {
    type: PARTNER_AUDIT_TYPES.invited,
    tenantId: null,
    actorId: by.actorId,
    subjectId: account.id,
    ip: by.ip,
    details: { publisherId: input.publisherId, email: account.email, admin: input.admin },
  });
  return { accountId: account.id, token, expiresAt };
}

/**
 * Makes the account a partner of the publisher (made when new), or changes whether it is the
 * publisher's admin; for tools and the demo, which set passwords themselves. Not audited.
 */
export async function addPartnerMembership(
  db: Queryable,
  input: { accountId: string; publisherId: string; publisherName: string; admin?: boolean },
): Promise<void> {
  if (!isPublisherId(input.publisherId)) throw new AccountInputError('publisherId', 'invalid');
  await putPublisher(db, input.publisherId, input.publisherName);
  await db.query(
    `insert into identity.partner_membership (account_id, publisher_id, admin) values ($1, $2, $3)
     on conflict (account_id, publisher_id) do update set admin = excluded.admin, disabled_at = null`,
    [input.accountId, input.publisherId, input.admin ?? false],
  );
}

async function isPartnerAdmin(db: Queryable, accountId: string, publisherId: string): Promise<boolean> {
  const { rows } = await db.query(
    `select 1 from identity.partner_membership m join identity.account a on a.id = m.account_id
     where m.account_id = $1 and m.publisher_id = $2 and m.admin and m.disabled_at is null
       and a.disabled_at is null`,
    [accountId, publisherId],
  );
  return rows.length > 0;
}

async function putPublisher(db: Queryable, publisherId: string, name: string | undefined): Promise<void> {
  const trimmed = name?.trim();
  if (trimmed === undefined) {
    const { rows } = await db.query('select 1 from identity.publisher where id = $1', [publisherId]);
    if (rows.length === 0) throw new AccountInputError('publisherName', 'required');
    return;
  }
  if (!trimmed || trimmed.length > 200) throw new AccountInputError('publisherName', 'invalid');
  await db.query('insert into identity.publisher (id, name) values ($1, $2) on conflict (id) do nothing', [
    publisherId,
    trimmed,
  ]);
}
