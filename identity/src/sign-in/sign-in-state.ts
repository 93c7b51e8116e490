import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Language } from '../accounts/accounts.ts';
import type { Queryable } from '../db/queryable.ts';

/** Where a person is in the sign-in pages; the order is sign-in-flow.ts's. */
export type Step =
  | 'email'
  | 'upstream'
  | 'password'
  | 'second_factor'
  | 'enrol_totp'
  | 'recovery_codes'
  | 'tenant'
  | 'consent';

/** One sign-in in progress, keyed by oidc-provider's interaction uid. */
export interface SignInState {
  uid: string;
  /** The token every form of this sign-in carries (the double check beside the interaction cookie). */
  csrf: string;
  step: Step;
  email: string | null;
  /** Set once the password (or an existing session) proved who this is. */
  accountId: string | null;
  /** What the person chose (sign-in-choices.ts's key): a tenant id, or `publisher:` and a publisher id. */
  tenantId: string | null;
  /** Chosen with the language switch; wins over the account's and the browser's. */
  language: Language | null;
  /** A TOTP secret being enrolled, sealed, until a code confirms it. */
  pendingTotp: Buffer | null;
  /** How the account was proved when not password (+ TOTP): a passkey's methods (RFC 8176). */
  amr: string[] | null;
}

interface Row {
  uid: string;
  csrf: string;
  step: Step;
  email: string | null;
  account_id: string | null;
  tenant_id: string | null;
  language: Language | null;
  pending_totp: Buffer | null;
  amr: string[] | null;
}

/** The state of interaction `uid`, made at `step` with a fresh CSRF token when there is none yet. */
export async function loadSignIn(
  db: Queryable,
  uid: string,
  start: { step: Step; accountId: string | null; expiresAt: Date },
): Promise<SignInState> {
  await db.query(
    `insert into identity.sign_in (uid, csrf, step, account_id, expires_at) values ($1, $2, $3, $4, $5)
     on conflict (uid) do nothing`,
    [uid, randomBytes(32).toString('base64url'), start.step, start.accountId, start.expiresAt],
  );
  const { rows } = await db.query<Row>(
    `select uid, csrf, step, email, account_id, tenant_id, language, pending_totp, amr
     from identity.sign_in where uid = $1`,
    [uid],
  );
  const row = rows[0] as Row;
  return {
    uid: row.uid,
    csrf: row.csrf,
    step: row.step,
    email: row.email,
    accountId: row.account_id,
    tenantId: row.tenant_id,
    language: row.language,
    pendingTotp: row.pending_totp,
    amr: row.amr,
  };
}

export async function saveSignIn(db: Queryable, state: SignInState): Promise<void> {
  await db.query(
    `update identity.sign_in set step = $2, email = $3, account_id = $4, tenant_id = $5, language = $6,
       pending_totp = $7, amr = $8 where uid = $1`,
    [
      state.uid,
      state.step,
      state.email,
      state.accountId,
      state.tenantId,
      state.language,
      state.pendingTotp,
      state.amr,
    ],
  );
}

export async function endSignIn(db: Queryable, uid: string): Promise<void> {
  await db.query('delete from identity.sign_in where uid = $1', [uid]);
}

/** Constant-time: the form's token against the sign-in's. */
export function csrfMatches(state: SignInState, presented: unknown): boolean {
  if (typeof presented !== 'string') return false;
  const expected = Buffer.from(state.csrf);
  const actual = Buffer.from(presented);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
