import {
  type Account,
  AccountInputError,
  createAccount,
  findAccountByEmail,
  LANGUAGES,
  type Language,
} from '../accounts/accounts.ts';
import { findMember } from '../accounts/members.ts';
import type { Queryable } from '../db/queryable.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Role } from '../provider/token-claims.ts';

/** The person the upstream vouched for, as Kredo keeps them. */
export type UpstreamPerson =
  | { ok: true; account: Account; provisioned: boolean }
  | { ok: false; problem: 'account_disabled' | 'membership_disabled' };

/**
 * Finds the account of the upstream's e-mail or provisions it just in time: a new account (no
 * password: the tenant's provider is how it signs in) and a membership of the tenant with its
 * default role, in one transaction. An existing account keeps its password, passkeys and other
 * tenants; it is made a member with the default role if it was not one. A disabled account, or a
 * membership an admin deactivated, is refused: SSO does not undo an admin's decision.
 */
export async function upstreamPerson(
  db: Queryable,
  input: {
    tenantId: string;
    email: string;
    claims: Record<string, unknown>;
    language: Language;
    defaultRole: Role;
  },
): Promise<UpstreamPerson> {
  return inTransaction(db, async (tx) => {
    const existing = await findAccountByEmail(tx, input.email);
    if (existing?.disabled) return { ok: false, problem: 'account_disabled' };
    const account = existing ?? (await insertAccount(tx, input));
    const member = await findMember(tx, input.tenantId, account.id);
    if (member?.disabled) return { ok: false, problem: 'membership_disabled' };
    if (member) return { ok: true, account, provisioned: false };
    // Nothing to overwrite: a membership made meanwhile (an invitation) keeps its roles.
    await tx.query(
      `insert into identity.membership (account_id, tenant_id, roles) values ($1, $2, $3)
       on conflict (account_id, tenant_id) do nothing`,
      [account.id, input.tenantId, [input.defaultRole]],
    );
    return { ok: true, account, provisioned: true };
  });
}

/** A new account named and languaged after the upstream's claims (`name`, `locale`) where they fit. */
async function insertAccount(
  tx: Queryable,
  input: { email: string; claims: Record<string, unknown>; language: Language },
): Promise<Account> {
  const claimed = typeof input.claims.name === 'string' ? input.claims.name.trim().slice(0, 200) : '';
  const name = claimed || input.email.slice(0, input.email.lastIndexOf('@'));
  const locale = typeof input.claims.locale === 'string' ? input.claims.locale.slice(0, 2).toLowerCase() : '';
  const language = (LANGUAGES as readonly string[]).includes(locale) ? (locale as Language) : input.language;
  try {
    return await createAccount(tx, { email: input.email, name, language });
  } catch (error) {
    // A concurrent sign-in of the same person made it first: use that one.
    if (!(error instanceof AccountInputError && error.problem === 'taken')) throw error;
    return (await findAccountByEmail(tx, input.email)) as Account;
  }
}
