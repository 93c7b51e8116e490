import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Client secrets are 256 random bits, shown once and stored as a SHA-256: with that much entropy a
 * slow password hash buys nothing, and the database cannot give a secret back. The price, which
 * Kredo does not pay: no client_secret_jwt and no symmetric (HS*) algorithms for these clients,
 * since both need the secret itself (see provider-configuration.ts).
 */
export function newClientSecret(): { secret: string; sha256: string } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, sha256: sha256Of(secret) };
}

/** The form oidc-provider keeps as the client's `client_secret`: marked, so it is never mistaken for one. */
export const HASHED_SECRET_PREFIX = 'sha256:';

export function secretMatches(stored: string, presented: string): boolean {
  if (!stored.startsWith(HASHED_SECRET_PREFIX)) return false;
  const expected = Buffer.from(stored.slice(HASHED_SECRET_PREFIX.length), 'hex');
  const actual = Buffer.from(sha256Of(presented), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export function sha256Of(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
