import { errors, jwtVerify, SignJWT } from 'jose';
import { InvalidToken, type Principal, type TokenVerifier } from './principal.ts';
import { TokenCache } from './token-cache.ts';

const ISSUER = 'kredo-dev';
const AUDIENCE = 'kredo-api';

export interface DevTokenVerifierOptions {
  /** The clock token expiry is judged by, in epoch milliseconds. Default: `Date.now`. */
  now?: () => number;
  /** Verified tokens remembered until they expire (see TokenCache). Default: 10,000. */
  cacheEntries?: number;
}

/**
 * Development tokens: HS256 JWTs with the same claims the identity server will issue (sub, tenant,
 * scope), signed with the development secret. Accepted only when KREDO_DEV_AUTH=1. A token verified
 * once is served from a cache until it expires: a client sends the same token with every request.
 */
export function devTokenVerifier(secret: string, options: DevTokenVerifierOptions = {}): TokenVerifier {
  const key = new TextEncoder().encode(secret);
  const now = options.now ?? Date.now;
  const cache = new TokenCache({ maxEntries: options.cacheEntries, now });
  return {
    async verify(token) {
      const cached = cache.get(token);
      if (cached) return cached;
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: ['HS256'],
          requiredClaims: ['exp', 'sub'],
          currentDate: new Date(now()),
        });
        if (typeof payload.sub !== 'string' || typeof payload.tenant !== 'string') {
          throw new InvalidToken('token lacks sub or tenant');
        }
        const scope = typeof payload.scope === 'string' ? payload.scope : '';
        const principal = {
          subject: payload.sub,
          tenantId: payload.tenant,
          scopes: scope.split(' ').filter(Boolean),
          ...(typeof payload.publisher === 'string' && { publisherId: payload.publisher }),
        };
        // jose has checked that exp is there and still ahead.
        cache.set(token, principal, (payload.exp ?? 0) * 1000);
        return principal;
      } catch (error) {
        if (error instanceof InvalidToken) throw error;
        if (error instanceof errors.JWTExpired) throw new InvalidToken('token expired');
        throw new InvalidToken('token not valid');
      }
    },
  };
}

export async function signDevToken(
  secret: string,
  principal: Principal,
  expiresIn: string | number = '30d',
): Promise<string> {
  return new SignJWT({
    tenant: principal.tenantId,
    scope: principal.scopes.join(' '),
    ...(principal.publisherId !== undefined && { publisher: principal.publisherId }),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(principal.subject)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
