import { errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import { type IssuerKeysOptions, issuerKeys } from './issuer-keys.ts';
import { InvalidToken, type Principal, SCOPES, type TokenVerifier } from './principal.ts';
import { effectiveScopes, TENANT_FREE_SCOPES } from './roles.ts';
import { TokenCache } from './token-cache.ts';

/** The signature algorithms the identity server signs with; anything else (none, HS*, RS*) is refused. */
export const IDENTITY_ALGORITHMS = ['ES256', 'EdDSA'];

/** The one thing a refused token is told; the reason goes to the request log. */
const REFUSED = 'invalid token';

export interface IdentityTokenOptions {
  /** The identity server's issuer URL: the tokens' `iss`, and where its discovery document is. */
  issuer: string;
  /** Core's API as a resource: the tokens' `aud` (KREDO_API_RESOURCE). */
  audience: string;
  /** The signing keys. Default: the issuer's JWKS through its discovery document (issuerKeys). */
  jwks?: JWTVerifyGetKey;
  /** How the default key source fetches and refreshes the JWKS. */
  discovery?: Omit<IssuerKeysOptions, 'issuer' | 'now'>;
  /** The clock expiry (and the key source's cooldown) is judged by, in epoch milliseconds. Default: `Date.now`. */
  now?: () => number;
  /** Leeway for clocks that differ between the identity server and core, for `exp` and `nbf`. Default: 5 s. */
  clockToleranceSeconds?: number;
  /** Verified tokens, remembered until they expire. Default: a TokenCache of its own. */
  cache?: TokenCache;
}

/**
 * The identity server's access tokens (RFC 9068 JWTs): signature by one of the issuer's published
 * keys, `typ: at+jwt`, issuer, audience, expiry, then the claims turned into a principal. A token
 * verified once is served from the cache until it expires, so a client's next requests cost a hash
 * and a map lookup. Every refusal answers the same `invalid token`; `InvalidToken.reason` says why.
 */
export function identityTokenVerifier(options: IdentityTokenOptions): TokenVerifier {
  const now = options.now ?? Date.now;
  const cache = options.cache ?? new TokenCache({ now });
  const jwks = options.jwks ?? issuerKeys({ issuer: options.issuer, now, ...options.discovery }).getKey;
  const verifyOptions = {
    issuer: options.issuer,
    audience: options.audience,
    algorithms: IDENTITY_ALGORITHMS,
    typ: 'at+jwt',
    requiredClaims: ['exp', 'iat', 'sub', 'client_id'],
    clockTolerance: options.clockToleranceSeconds ?? 5,
  };
  return {
    async verify(token) {
      const cached = cache.get(token);
      if (cached) return cached;
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, jwks, { ...verifyOptions, currentDate: new Date(now()) }));
      } catch (error) {
        throw new InvalidToken(REFUSED, refusalReason(error));
      }
      const principal = principalOf(payload);
      // jose has checked that exp is there and not past.
      cache.set(token, principal, (payload.exp as number) * 1000);
      return principal;
    },
  };
}

/**
 * The principal an access token's verified claims describe: `sub` is the subject (a user or an API
 * client), `tenant` the tenant, `publisher` for a partner the publisher the marketplace checks, and
 * the scopes are the granted `scope` narrowed by `roles` when the token has them (auth/roles.ts). A
 * token without a tenant is taken only when its scopes reach no tenant's data; a token is for a
 * tenant or for a publisher, never both. `administrations`, when there, limits the tenant's data to
 * those administrations (a member given access to some only).
 */
export function principalOf(payload: JWTPayload): Principal {
  const { sub, scope, roles, tenant, publisher, administrations, client_id: clientId } = payload;
  if (typeof sub !== 'string' || sub === '') throw refused('sub is not a string');
  if (typeof clientId !== 'string') throw refused('client_id is not a string');
  if (scope !== undefined && typeof scope !== 'string') throw refused('scope is not a string');
  if (roles !== undefined && !(Array.isArray(roles) && roles.every((role) => typeof role === 'string'))) {
    throw refused('roles is not an array of strings');
  }
  if (tenant !== undefined && (typeof tenant !== 'string' || tenant === '')) {
    throw refused('tenant is not a string');
  }
  if (publisher !== undefined && (typeof publisher !== 'string' || publisher === '')) {
    throw refused('publisher is not a string');
  }
  if (publisher !== undefined && tenant !== undefined) throw refused('both a tenant and a publisher');
  if (
    administrations !== undefined &&
    !(Array.isArray(administrations) && administrations.every((id) => typeof id === 'string' && id !== ''))
  ) {
    throw refused('administrations is not an array of ids');
  }
  // A debtor's portal scope comes only with a portal session (portal/portal-token.ts), never from here.
  const granted = (scope ?? '').split(' ').filter((s) => s !== '' && s !== SCOPES.portalDebtor);
  const scopes = effectiveScopes(granted, roles as string[] | undefined);
  if (tenant === undefined && scopes.some((s) => !TENANT_FREE_SCOPES.includes(s))) {
    throw refused('no tenant, but scopes that need one');
  }
  const principal: Principal = { subject: sub, tenantId: tenant ?? '', scopes };
  if (publisher !== undefined) principal.publisherId = publisher;
  if (administrations !== undefined) principal.administrations = administrations as string[];
  return principal;
}

function refused(reason: string): InvalidToken {
  return new InvalidToken(REFUSED, reason);
}

/** Why jose (or the key source) refused, in words for the log; never sent to the client. */
function refusalReason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `claim ${error.claim}: ${error.message}`;
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm not allowed';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'signature does not verify';
  if (error instanceof errors.JWKSNoMatchingKey) return 'no published key matches the kid and algorithm';
  if (error instanceof errors.JOSEError) return `${error.code}: ${error.message}`;
  return `signing keys unavailable: ${(error as Error).message}`;
}
