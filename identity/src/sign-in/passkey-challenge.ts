import type { Queryable } from '../db/queryable.ts';

/** Keeps the WebAuthn challenge just issued to this sign-in (a new page replaces the previous one). */
export async function issuePasskeyChallenge(db: Queryable, uid: string, challenge: string): Promise<void> {
  await db.query('update identity.sign_in set passkey_challenge = $2 where uid = $1', [uid, challenge]);
}

/**
 * Takes the sign-in's challenge, once: it is cleared in the same statement (the row locked), so an
 * answer replayed, or two posts racing, find none the second time. Null when there is none.
 */
export async function takePasskeyChallenge(db: Queryable, uid: string): Promise<string | null> {
  const { rows } = await db.query<{ challenge: string | null }>(
    `update identity.sign_in s set passkey_challenge = null
     from (select uid, passkey_challenge from identity.sign_in where uid = $1 for update) old
     where s.uid = old.uid returning old.passkey_challenge as challenge`,
    [uid],
  );
  return rows[0]?.challenge ?? null;
}
