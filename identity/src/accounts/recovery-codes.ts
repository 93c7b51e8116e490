import { randomBytes } from 'node:crypto';
import { sha256Of } from '../clients/client-secret.ts';
import type { Queryable } from '../db/queryable.ts';

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'; // no 0/o, 1/l/i: read off paper
const GROUPS = 4;
const GROUP_LENGTH = 4;

/**
 * Ten new one-time recovery codes for the account, replacing any it had; the codes are returned
 * once, only their SHA-256 is kept. 16 characters from 31 are about 79 bits each: too many to guess
 * or to brute-force from the hashes, so a fast hash is enough and a code is found by its hash.
 */
export async function replaceRecoveryCodes(db: Queryable, accountId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  await db.query('delete from identity.recovery_code where account_id = $1', [accountId]);
  await db.query(
    `insert into identity.recovery_code (account_id, code_sha256) select $1, unnest($2::text[])`,
    [accountId, codes.map(codeHash)],
  );
  return codes;
}

/**
 * Uses one recovery code: true when it was the account's and unused (now it is used). The lookup is
 * by hash, an equality on a value the presenter cannot steer, so it leaks nothing by its timing.
 */
export async function useRecoveryCode(db: Queryable, accountId: string, code: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `update identity.recovery_code set used_at = now()
     where account_id = $1 and code_sha256 = $2 and used_at is null`,
    [accountId, codeHash(code)],
  );
  return (rowCount ?? 0) > 0;
}

export async function unusedRecoveryCodes(db: Queryable, accountId: string): Promise<number> {
  const { rows } = await db.query<{ count: string }>(
    'select count(*) from identity.recovery_code where account_id = $1 and used_at is null',
    [accountId],
  );
  return Number(rows[0]?.count ?? 0);
}

function newCode(): string {
  const bytes = randomBytes(GROUPS * GROUP_LENGTH);
  // 256 is not a multiple of 31: the bias (at most 1 in 8 for the first characters) costs < 1 bit.
  const chars = [...bytes].map((byte) => ALPHABET[byte % ALPHABET.length]);
  return Array.from({ length: GROUPS }, (_, i) =>
    chars.slice(i * GROUP_LENGTH, (i + 1) * GROUP_LENGTH).join(''),
  ).join('-');
}

/** Typed however: case, spaces and dashes do not matter. */
function codeHash(code: string): string {
  const normal = code.toLowerCase().replace(/[\s-]+/g, '');
  return sha256Of(normal);
}
