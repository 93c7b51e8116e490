/**
 * Brute-force protection, after Keycloak's brute-force detection, as data (docs/identity.md,
 * "Lockout"): failures are counted per e-mail and IP; the first few are free, then each failure
 * makes the next attempt wait longer, up to a maximum; the count starts over hours after the last
 * failure, or at a successful sign-in. Apart from it, an IP that fails too often in an hour, whatever
 * the e-mails, waits out the hour (password spraying).
 */
export const THROTTLE = {
  /** Failures allowed before any wait (Keycloak's "max login failures" before a wait). */
  freeFailures: 5,
  /** Added to the wait by each failure past the free ones (Keycloak's "wait increment"). */
  waitIncrementSeconds: 60,
  /** The longest wait (Keycloak's "max wait"). */
  maxWaitSeconds: 15 * 60,
  /** After this long without a failure, the count starts over (Keycloak's "failure reset time"). */
  resetSeconds: 12 * 60 * 60,
  /** Failures from one IP, any e-mail, in one window, before that IP waits for the window's end. */
  ipFailuresPerWindow: 50,
  ipWindowSeconds: 60 * 60,
} as const;

/** How long the next attempt must wait after the `failures`-th failure in a row: 0 for the free ones. */
export function waitAfter(failures: number, policy = THROTTLE): number {
  const past = failures - policy.freeFailures;
  if (past <= 0) return 0;
  return Math.min(past * policy.waitIncrementSeconds, policy.maxWaitSeconds);
}
