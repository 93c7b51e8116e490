import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/queryable.ts';
import { ROLES, type Role } from '../provider/token-claims.ts';
import { hashPassword } from './password-hash.ts';
import { type PasswordProblem, passwordProblem } from './password-rules.ts';

export const LANGUAGES = ['nl', 'en', 'de', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface Account {
  id: string;
  email: string;
  name: string;
  language: Language;
  disabled: boolean;
  /** The address was proved: a mailed link was used (invitation, reset, verification), or an operator vouched. */
  emailVerified: boolean;
}

export interface Membership {
  accountId: string;
  tenantId: string;
  roles: Role[];
  /** The administrations the person may see; null: all of the tenant's. */
  administrations: string[] | null;
}

/** Input that cannot make or change an account; `field` names what is wrong. */
export class AccountInputError extends Error {
  override name = 'AccountInputError';
  constructor(
    readonly field: string,
    readonly problem: PasswordProblem | 'invalid' | 'required' | 'taken' | 'member' | 'forbidden',
  ) {
    super(`${field}: ${problem}`);
  }
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;

/**
 * A new account (`usr_…`). The password is optional: an account may be given one later (setPassword).
 * Its e-mail is unproved unless the caller vouches for it (`emailVerified`: an operator's tool, the demo).
 */
export async function createAccount(
  db: Queryable,
  input: { email: string; name: string; language: Language; password?: string; emailVerified?: boolean },
): Promise<Account> {
  const email = input.email.trim();
  if (!EMAIL.test(email)) throw new AccountInputError('email', 'invalid');
  const name = input.name.trim();
  if (!name || name.length > 200) throw new AccountInputError('name', 'invalid');
  if (!LANGUAGES.includes(input.language)) throw new AccountInputError('language', 'invalid');
  const passwordHash = input.password === undefined ? null : await checkedHash(input.password, email);
  const id = `usr_${randomBytes(12).toString('hex')}`;
  const { rowCount } = await db.query(
    `insert into identity.account (id, email, name, language, password_hash, email_verified_at)
     values ($1, $2, $3, $4, $5, case when $6 then now() end)
     on conflict (lower(email)) do nothing`,
    [id, email, name, input.language, passwordHash, input.emailVerified === true],
  );
  if (rowCount === 0) throw new AccountInputError('email', 'taken');
  return {
    id,
    email,
    name,
    language: input.language,
    disabled: false,
    emailVerified: input.emailVerified === true,
  };
}

/** Records that the account's e-mail is proved (a mailed link of it was used); true when it changed. */
export async function markEmailVerified(db: Queryable, accountId: string): Promise<boolean> {
  const { rowCount } = await db.query(
    'update identity.account set email_verified_at = now() where id = $1 and email_verified_at is null',
    [accountId],
  );
  return (rowCount ?? 0) > 0;
}

/** Sets the password after the rules (password-rules.ts); false when there is no such account. */
export async function setPassword(db: Queryable, accountId: string, password: string): Promise<boolean> {
  const account = await findAccountById(db, accountId);
  if (!account) return false;
  const passwordHash = await checkedHash(password, account.email);
  await db.query('update identity.account set password_hash = $2 where id = $1', [accountId, passwordHash]);
  return true;
}

/** Makes the account a member of the tenant with these roles, or changes its roles and administrations. */
export async function addMembership(
  db: Queryable,
  input: { accountId: string; tenantId: string; roles: Role[]; administrations?: string[] | null },
): Promise<Membership> {
  const roles = [...new Set(input.roles)];
  if (roles.length === 0 || !roles.every((role) => (ROLES as readonly string[]).includes(role)))
    throw new AccountInputError('roles', 'invalid');
  if (!input.tenantId) throw new AccountInputError('tenantId', 'invalid');
  const administrations = input.administrations ?? null;
  await db.query(
    `insert into identity.membership (account_id, tenant_id, roles, administrations) values ($1, $2, $3, $4)
     on conflict (account_id, tenant_id) do update set roles = excluded.roles,
       administrations = excluded.administrations`,
    [input.accountId, input.tenantId, roles, administrations],
  );
  return { accountId: input.accountId, tenantId: input.tenantId, roles, administrations };
}

/** A tenant's sign-in policy: require_2fa forces TOTP enrolment at its members' next sign-in. */
export async function setTenantPolicy(
  db: Queryable,
  tenantId: string,
  policy: { require2fa: boolean },
): Promise<void> {
  await db.query(
    `insert into identity.tenant_policy (tenant_id, require_2fa) values ($1, $2)
     on conflict (tenant_id) do update set require_2fa = excluded.require_2fa`,
    [tenantId, policy.require2fa],
  );
}

/** Disables (or enables again) an account: it cannot sign in, and its refresh tokens stop working. */
export async function setAccountDisabled(db: Queryable, accountId: string, disabled: boolean): Promise<void> {
  await db.query(
    `update identity.account set disabled_at = case when $2 then coalesce(disabled_at, now()) end where id = $1`,
    [accountId, disabled],
  );
}

export async function findAccountByEmail(db: Queryable, email: string): Promise<Account | undefined> {
  return (await selectAccount(db, 'lower(email) = lower($1)', email.trim()))?.account;
}

export async function findAccountById(db: Queryable, accountId: string): Promise<Account | undefined> {
  return (await selectAccount(db, 'id = $1', accountId))?.account;
}

/** The account and its password hash, for the password step only. */
export function accountWithHash(db: Queryable, email: string) {
  return selectAccount(db, 'lower(email) = lower($1)', email.trim());
}

/** The account's active memberships (a deactivated one is left out), oldest first, each with whether its tenant requires 2FA. */
export async function membershipsOf(
  db: Queryable,
  accountId: string,
): Promise<(Membership & { require2fa: boolean })[]> {
  const { rows } = await db.query<{
    tenant_id: string;
    roles: Role[];
    administrations: string[] | null;
    require_2fa: boolean | null;
  }>(
    `select m.tenant_id, m.roles, m.administrations, p.require_2fa
     from identity.membership m left join identity.tenant_policy p using (tenant_id)
     where m.account_id = $1 and m.disabled_at is null order by m.created_at, m.tenant_id`,
    [accountId],
  );
  return rows.map((row) => ({
    accountId,
    tenantId: row.tenant_id,
    roles: row.roles,
    administrations: row.administrations,
    require2fa: row.require_2fa === true,
  }));
}

async function checkedHash(password: string, email: string): Promise<string> {
  const problem = passwordProblem(password, email);
  if (problem) throw new AccountInputError('password', problem);
  return hashPassword(password);
}

interface AccountRow {
  id: string;
  email: string;
  name: string;
  language: Language;
  password_hash: string | null;
  disabled_at: Date | null;
  email_verified_at: Date | null;
}

async function selectAccount(db: Queryable, where: string, value: string) {
  const { rows } = await db.query<AccountRow>(
    `select id, email, name, language, password_hash, disabled_at, email_verified_at
     from identity.account where ${where}`,
    [value],
  );
  const row = rows[0];
  if (!row) return undefined;
  const account: Account = {
    id: row.id,
    email: row.email,
    name: row.name,
    language: row.language,
    disabled: row.disabled_at !== null,
    emailVerified: row.email_verified_at !== null,
  };
  return { account, passwordHash: row.password_hash };
}
