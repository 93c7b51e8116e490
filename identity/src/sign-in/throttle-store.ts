import type { Queryable } from '../db/queryable.ts';
import { THROTTLE, waitAfter } from './throttle-policy.ts';

export interface Failure {
  failures: number;
  /** Seconds the next attempt for this e-mail from this IP must wait; 0 when it need not. */
  waitSeconds: number;
}

/** An e-mail as the counters key it: what the sign-in page was given, trimmed, whatever its case. */
const key = (email: string) => email.trim().toLowerCase();

/**
 * Seconds before `email` may be tried again from `ip`: the longer of its own wait and the IP's. The
 * same for an unknown e-mail as for a known one, so the wait says nothing of who has an account.
 */
export async function secondsToWait(db: Queryable, email: string, ip: string, now: Date): Promise<number> {
  return (await throttleState(db, email, ip, now)).waitSeconds;
}

/**
 * The select list of the throttle state of an e-mail (or client key, `$1`) from an IP (`$2`), with
 * throttleParams as `$1`–`$4`: the time its wait ends, and whether failures are counted for it at all
 * (a success need not clear what is not there: the token endpoint saves a write per token).
 */
export const THROTTLE_STATE_COLUMNS = `greatest(
    (select wait_until from identity.sign_in_failure where email = $1 and ip = $2),
    (select window_start + make_interval(secs => $3) from identity.ip_failure
     where ip = $2 and failures >= $4)) as until,
  exists (select from identity.sign_in_failure where email = $1 and ip = $2) as counted`;

export const throttleParams = (email: string, ip: string) => [
  key(email),
  ip,
  THROTTLE.ipWindowSeconds,
  THROTTLE.ipFailuresPerWindow,
];

/** The state THROTTLE_STATE_COLUMNS read, as the wait in seconds from `now`. */
export function throttleStateOf(
  row: { until: Date | null; counted: boolean } | undefined,
  now: Date,
): { waitSeconds: number; counted: boolean } {
  const until = row?.until;
  const waitSeconds = until ? Math.max(0, Math.ceil((until.getTime() - now.getTime()) / 1000)) : 0;
  return { waitSeconds, counted: row?.counted === true };
}

export async function throttleState(
  db: Queryable,
  email: string,
  ip: string,
  now: Date,
): Promise<{ waitSeconds: number; counted: boolean }> {
  const { rows } = await db.query<{ until: Date | null; counted: boolean }>(
    `select ${THROTTLE_STATE_COLUMNS}`,
    throttleParams(email, ip),
  );
  return throttleStateOf(rows[0], now);
}

/** Counts a failure for the e-mail from the IP, and for the IP; returns the count and the wait it starts. */
export async function recordFailure(db: Queryable, email: string, ip: string, now: Date): Promise<Failure> {
  const { rows } = await db.query<{ failures: number }>(
    `insert into identity.sign_in_failure (email, ip, failures, last_failure_at) values ($1, $2, 1, $3)
     on conflict (email, ip) do update set
       failures = case when sign_in_failure.last_failure_at <= $3 - make_interval(secs => $4) then 1
                       else sign_in_failure.failures + 1 end,
       last_failure_at = $3
     returning failures`,
    [key(email), ip, now, THROTTLE.resetSeconds],
  );
  const failures = rows[0]?.failures ?? 1;
  const waitSeconds = waitAfter(failures);
  await db.query('update identity.sign_in_failure set wait_until = $3 where email = $1 and ip = $2', [
    key(email),
    ip,
    waitSeconds > 0 ? new Date(now.getTime() + waitSeconds * 1000) : null,
  ]);
  await db.query(
    `insert into identity.ip_failure (ip, window_start, failures) values ($1, $2, 1)
     on conflict (ip) do update set
       failures = case when ip_failure.window_start <= $2 - make_interval(secs => $3) then 1
                       else ip_failure.failures + 1 end,
       window_start = case when ip_failure.window_start <= $2 - make_interval(secs => $3) then $2
                           else ip_failure.window_start end`,
    [ip, now, THROTTLE.ipWindowSeconds],
  );
  return { failures, waitSeconds };
}

/** A successful sign-in starts the e-mail's count from this IP over (the IP's own count stays). */
export async function clearFailures(db: Queryable, email: string, ip: string): Promise<void> {
  await db.query('delete from identity.sign_in_failure where email = $1 and ip = $2', [key(email), ip]);
}
