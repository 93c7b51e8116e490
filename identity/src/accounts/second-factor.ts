import type { OnAudit } from '../audit-event.ts';
import type { Queryable } from '../db/queryable.ts';
import { open, seal } from '../keys/seal.ts';
import { checkTotp } from './totp.ts';

/** The sealing context of an account's TOTP secret: a sealed secret moved to another account does not open. */
const context = (accountId: string) => `totp:${accountId}`;

export function sealTotpSecret(masterKey: Buffer, accountId: string, secret: string): Buffer {
  return seal(masterKey, secret, context(accountId));
}

export function openTotpSecret(masterKey: Buffer, accountId: string, sealed: Buffer): string {
  return open(masterKey, sealed, context(accountId));
}

/** Stores the account's TOTP secret (sealed), replacing any; `acceptedStep` is the step of the code that confirmed it. */
export async function enrolTotp(
  db: Queryable,
  masterKey: Buffer,
  accountId: string,
  secret: string,
  acceptedStep: number | null = null,
): Promise<void> {
  await db.query(
    `insert into identity.account_totp (account_id, sealed_secret, last_time_step) values ($1, $2, $3)
     on conflict (account_id) do update set sealed_secret = excluded.sealed_secret,
       last_time_step = excluded.last_time_step, enrolled_at = now()`,
    [accountId, sealTotpSecret(masterKey, accountId, secret), acceptedStep],
  );
}

export async function hasTotp(db: Queryable, accountId: string): Promise<boolean> {
  const { rowCount } = await db.query('select 1 from identity.account_totp where account_id = $1', [
    accountId,
  ]);
  return (rowCount ?? 0) > 0;
}

/**
 * Removes the account's TOTP and its recovery codes (an admin resetting a lost phone); false when it
 * had none. Tells the audit log (`totp.removed`) who did it, when a recorder is given.
 */
export async function removeTotp(
  db: Queryable,
  accountId: string,
  audit?: { onAudit: OnAudit; actorId: string | null; tenantId: string | null; ip?: string | null },
): Promise<boolean> {
  const { rowCount } = await db.query('delete from identity.account_totp where account_id = $1', [accountId]);
  await db.query('delete from identity.recovery_code where account_id = $1', [accountId]);
  const removed = (rowCount ?? 0) > 0;
  if (removed && audit)
    await audit.onAudit({
      type: 'totp.removed',
      tenantId: audit.tenantId,
      actorId: audit.actorId,
      subjectId: accountId,
      ip: audit.ip ?? null,
      details: {},
    });
  return removed;
}

/**
 * Checks a TOTP code of the account at `now` and, when good, stores its step as the last one used,
 * in one conditional update: two requests racing with the same code cannot both pass.
 */
export async function acceptTotpCode(
  db: Queryable,
  masterKey: Buffer,
  accountId: string,
  code: string,
  now: Date,
): Promise<boolean> {
  const { rows } = await db.query<{ sealed_secret: Buffer; last_time_step: string | null }>(
    'select sealed_secret, last_time_step from identity.account_totp where account_id = $1',
    [accountId],
  );
  const row = rows[0];
  if (!row) return false;
  const last = row.last_time_step === null ? null : Number(row.last_time_step);
  const step = await checkTotp(openTotpSecret(masterKey, accountId, row.sealed_secret), code, now, last);
  if (step === null) return false;
  const { rowCount } = await db.query(
    `update identity.account_totp set last_time_step = $2
     where account_id = $1 and (last_time_step is null or last_time_step < $2)`,
    [accountId, step],
  );
  return (rowCount ?? 0) > 0;
}
