import { randomBytes } from 'node:crypto';
import { sha256Of as sha256 } from '../clients/client-secret.ts';
import type { Queryable } from '../db/queryable.ts';

/** What a mailed link lets its holder do once: set a first password, or a new one. */
export type AccountTokenPurpose = 'invitation' | 'password_reset' | 'email_verification';

/** How long a mailed link works: an invitation a week, a password reset an hour, a verification a day. */
export const ACCOUNT_TOKEN_TTL_SECONDS: Readonly<Record<AccountTokenPurpose, number>> = {
  invitation: 7 * 24 * 3600,
  password_reset: 3600,
  email_verification: 24 * 3600,
};

/**
 * A new single-use token for the account (256 random bits, base64url): the caller mails it, only its
 * SHA-256 is stored. Issuing one makes the account's earlier unused tokens of that purpose void, so
 * only the latest mail's link works.
 */
export async function issueAccountToken(
  db: Queryable,
  input: { purpose: AccountTokenPurpose; accountId: string; tenantId?: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  await db.query(
    `update identity.account_token set used_at = now()
     where account_id = $1 and purpose = $2 and used_at is null`,
    [input.accountId, input.purpose],
  );
  const { rows } = await db.query<{ expires_at: Date }>(
    `insert into identity.account_token (token_sha256, purpose, account_id, tenant_id, expires_at)
     values ($1, $2, $3, $4, now() + make_interval(secs => $5)) returning expires_at`,
    [
      sha256(token),
      input.purpose,
      input.accountId,
      input.tenantId ?? null,
      ACCOUNT_TOKEN_TTL_SECONDS[input.purpose],
    ],
  );
  return { token, expiresAt: (rows[0] as { expires_at: Date }).expires_at };
}

/** The token's account and tenant while it is unused and unexpired; undefined otherwise. Does not use it. */
export async function peekAccountToken(
  db: Queryable,
  purpose: AccountTokenPurpose,
  token: string,
): Promise<{ accountId: string; tenantId: string | null } | undefined> {
  const { rows } = await db.query<{ account_id: string; tenant_id: string | null }>(
    `select account_id, tenant_id from identity.account_token
     where token_sha256 = $1 and purpose = $2 and used_at is null and expires_at > now()`,
    [sha256(token), purpose],
  );
  const row = rows[0];
  return row ? { accountId: row.account_id, tenantId: row.tenant_id } : undefined;
}

/**
 * Uses the token: one statement marks it used only if it was unused and unexpired, so two
 * concurrent uses cannot both succeed. Its account and tenant, or undefined.
 */
export async function consumeAccountToken(
  db: Queryable,
  purpose: AccountTokenPurpose,
  token: string,
): Promise<{ accountId: string; tenantId: string | null } | undefined> {
  const { rows } = await db.query<{ account_id: string; tenant_id: string | null }>(
    `update identity.account_token set used_at = now()
     where token_sha256 = $1 and purpose = $2 and used_at is null and expires_at > now()
     returning account_id, tenant_id`,
    [sha256(token), purpose],
  );
  const row = rows[0];
  return row ? { accountId: row.account_id, tenantId: row.tenant_id } : undefined;
}

/** Whether a token of this purpose was issued to the account within the last `seconds` (mail flood guard). */
export async function issuedWithin(
  db: Queryable,
  accountId: string,
  purpose: AccountTokenPurpose,
  seconds: number,
): Promise<boolean> {
  const { rows } = await db.query(
    `select 1 from identity.account_token
     where account_id = $1 and purpose = $2 and created_at > now() - make_interval(secs => $3) limit 1`,
    [accountId, purpose, seconds],
  );
  return rows.length > 0;
}
