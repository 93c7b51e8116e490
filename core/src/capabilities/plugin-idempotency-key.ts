import { createHash } from 'node:crypto';

/**
 * The idempotency key a plugin hands its provider for one create: stable across the client's retries
 * when the client sent an Idempotency-Key (derived from tenant, subject and that key, so the provider
 * never makes a second link, case or message for one request), else `fallback`, the new row's id.
 */
export function pluginIdempotencyKey(
  prefix: string,
  tenantId: string,
  subjectId: string,
  requestKey: string | undefined,
  fallback: string,
): string {
  if (!requestKey) return fallback;
  const digest = createHash('sha256').update(`${tenantId}\n${subjectId}\n${requestKey}`).digest('hex');
  return `${prefix}:${digest.slice(0, 40)}`;
}
