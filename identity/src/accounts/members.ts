import { type AuditActor, recordAudit } from '../audit/audit-log.ts';
import type { Queryable } from '../db/queryable.ts';
import { ROLES, type Role } from '../provider/token-claims.ts';
import { issueAccountToken } from './account-tokens.ts';
import {
  AccountInputError,
  addMembership,
  createAccount,
  findAccountByEmail,
  type Language,
} from './accounts.ts';
import { revokeAllSessions } from './sessions.ts';

/** One person of a tenant, as its admins see them. */
export interface Member {
  id: string;
  email: string;
  name: string;
  language: Language;
  roles: Role[];
  /** null: all of the tenant's administrations. */
  administrations: string[] | null;
  totpEnrolled: boolean;
  /** The e-mail address is proved (a mailed link used, or vouched for by an operator). */
  emailVerified: boolean;
  /** This tenant's membership deactivated, or the whole account disabled. */
  disabled: boolean;
  /**
   * 'invited' until the account has a password (set through the invitation's link) or has signed in
   * through the tenant's own provider (upstream SSO).
   */
  status: 'invited' | 'active';
  createdAt: Date;
}

/** The audit types of the users' administration. */
export const MEMBER_AUDIT_TYPES = {
  invited: 'user.invited',
  invitationResent: 'invitation.resent',
  roleChanged: 'role.changed',
  deactivated: 'user.deactivated',
  reactivated: 'user.reactivated',
  policyChanged: 'policy.changed',
} as const;

interface MemberRow {
  id: string;
  email: string;
  name: string;
  language: Language;
  roles: Role[];
  administrations: string[] | null;
  totp: boolean;
  email_verified: boolean;
  disabled: boolean;
  invited: boolean;
  created_at: Date;
}

const MEMBER_SELECT = `
  select a.id, a.email, a.name, a.language, m.roles, m.administrations,
    exists (select 1 from identity.account_totp t where t.account_id = a.id) as totp,
    a.email_verified_at is not null as email_verified,
    (m.disabled_at is not null or a.disabled_at is not null) as disabled,
    (a.password_hash is null and a.sso_signed_in_at is null) as invited, m.created_at
  from identity.membership m join identity.account a on a.id = m.account_id`;

function memberFromRow(row: MemberRow): Member {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    language: row.language,
    roles: row.roles,
    administrations: row.administrations,
    totpEnrolled: row.totp,
    emailVerified: row.email_verified,
    disabled: row.disabled,
    status: row.invited ? 'invited' : 'active',
    createdAt: row.created_at,
  };
}

/**
 * The tenant's members, by account id: all, or a page of `limit` after the account `after` (a
 * caller paging asks for one more than it shows). Only this tenant's memberships, never another's.
 */
export async function listMembers(
  db: Queryable,
  tenantId: string,
  page: { after?: string; limit?: number } = {},
): Promise<Member[]> {
  const { rows } = await db.query<MemberRow>(
    `${MEMBER_SELECT} where m.tenant_id = $1 and ($2::text is null or a.id > $2) order by a.id limit $3`,
    [tenantId, page.after ?? null, page.limit ?? null],
  );
  return rows.map(memberFromRow);
}

/** The tenant's member with that account id; undefined when the account is not a member of this tenant. */
export async function findMember(
  db: Queryable,
  tenantId: string,
  accountId: string,
): Promise<Member | undefined> {
  const { rows } = await db.query<MemberRow>(`${MEMBER_SELECT} where m.tenant_id = $1 and a.id = $2`, [
    tenantId,
    accountId,
  ]);
  return rows[0] ? memberFromRow(rows[0]) : undefined;
}

/** Whether the account is an active member of the tenant (membership and account both enabled). */
export async function isActiveMember(db: Queryable, tenantId: string, accountId: string): Promise<boolean> {
  const member = await findMember(db, tenantId, accountId);
  return member !== undefined && !member.disabled;
}

/** How many member accounts the tenant has (deactivated ones too). */
export async function countMembers(db: Queryable, tenantId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'select count(*)::int as n from identity.membership where tenant_id = $1',
    [tenantId],
  );
  return rows[0]?.n ?? 0;
}

/**
 * Invites a person to the tenant: their account is made if the e-mail has none (without a
 * password), the membership added, and a single-use invitation token issued for the caller to mail.
 * An e-mail that is already this tenant's member is refused (`email: member`). Audited 'user.invited'.
 */
export async function inviteMember(
  db: Queryable,
  input: {
    tenantId: string;
    email: string;
    name: string;
    language: Language;
    roles: Role[];
    administrations?: string[] | null;
  },
  by: AuditActor,
): Promise<{ member: Member; token: string; expiresAt: Date }> {
  checkRoles(input.roles);
  const existing = await findAccountByEmail(db, input.email);
  if (existing && (await findMember(db, input.tenantId, existing.id)))
    throw new AccountInputError('email', 'member');
  const account = existing ?? (await createAccount(db, input));
  await addMembership(db, { ...input, accountId: account.id });
  const { token, expiresAt } = await issueAccountToken(db, {
    purpose: 'invitation',
    accountId: account.id,
    tenantId: input.tenantId,
  });
  await recordAudit(db, {
    type: MEMBER_AUDIT_TYPES.invited,
    tenantId: input.tenantId,
    actorId: by.actorId,
    subjectId: account.id,
    ip: by.ip,
    details: { email: account.email, roles: input.roles, administrations: input.administrations ?? null },
  });
  return { member: (await findMember(db, input.tenantId, account.id)) as Member, token, expiresAt };
}

/**
 * Changes a member's roles and/or administrations in this tenant; undefined when the account is not
 * its member. Audited 'role.changed' with what was and what is.
 */
export async function changeMember(
  db: Queryable,
  tenantId: string,
  accountId: string,
  change: { roles?: Role[]; administrations?: string[] | null },
  by: AuditActor,
): Promise<Member | undefined> {
  const before = await findMember(db, tenantId, accountId);
  if (!before) return undefined;
  if (change.roles) checkRoles(change.roles);
  const roles = change.roles ? [...new Set(change.roles)] : before.roles;
  const administrations =
    change.administrations !== undefined ? change.administrations : before.administrations;
  await db.query(
    'update identity.membership set roles = $3, administrations = $4 where tenant_id = $1 and account_id = $2',
    [tenantId, accountId, roles, administrations],
  );
  await recordAudit(db, {
    type: MEMBER_AUDIT_TYPES.roleChanged,
    tenantId,
    actorId: by.actorId,
    subjectId: accountId,
    ip: by.ip,
    details: {
      before: { roles: before.roles, administrations: before.administrations },
      after: { roles, administrations },
    },
  });
  return findMember(db, tenantId, accountId);
}

/**
 * Deactivates (or reactivates) the account's membership of this tenant only: it can no longer sign
 * in to the tenant, and the tenant's refresh tokens stop giving claims. Its other tenants are not
 * touched. Undefined when the account is not this tenant's member. Audited when it changes.
 */
export async function setMemberDisabled(
  db: Queryable,
  tenantId: string,
  accountId: string,
  disabled: boolean,
  by: AuditActor,
): Promise<Member | undefined> {
  const { rowCount } = await db.query(
    `update identity.membership set disabled_at = case when $3 then now() end
     where tenant_id = $1 and account_id = $2 and (disabled_at is not null) <> $3`,
    [tenantId, accountId, disabled],
  );
  if (rowCount)
    await recordAudit(db, {
      type: disabled ? MEMBER_AUDIT_TYPES.deactivated : MEMBER_AUDIT_TYPES.reactivated,
      tenantId,
      actorId: by.actorId,
      subjectId: accountId,
      ip: by.ip,
      details: {},
    });
  // Deactivated: signed out and every grant for the tenant revoked at once, not at the next refresh.
  if (rowCount && disabled) await revokeAllSessions(db, { tenantId, accountId, reason: 'deactivated' }, by);
  return findMember(db, tenantId, accountId);
}

/** The tenant's sign-in policy as it is (require2fa false when none was set). */
export async function tenantPolicy(db: Queryable, tenantId: string): Promise<{ require2fa: boolean }> {
  const { rows } = await db.query<{ require_2fa: boolean }>(
    'select require_2fa from identity.tenant_policy where tenant_id = $1',
    [tenantId],
  );
  return { require2fa: rows[0]?.require_2fa === true };
}

/** Sets the tenant's sign-in policy, audited 'policy.changed'. */
export async function changeTenantPolicy(
  db: Queryable,
  tenantId: string,
  policy: { require2fa: boolean },
  by: AuditActor,
): Promise<void> {
  await db.query(
    `insert into identity.tenant_policy (tenant_id, require_2fa) values ($1, $2)
     on conflict (tenant_id) do update set require_2fa = excluded.require_2fa`,
    [tenantId, policy.require2fa],
  );
  await recordAudit(db, {
    type: MEMBER_AUDIT_TYPES.policyChanged,
    tenantId,
    actorId: by.actorId,
    subjectId: null,
    ip: by.ip,
    details: { require2fa: policy.require2fa },
  });
}

function checkRoles(roles: readonly string[]): void {
  if (roles.length === 0 || !roles.every((role) => (ROLES as readonly string[]).includes(role)))
    throw new AccountInputError('roles', 'invalid');
}
