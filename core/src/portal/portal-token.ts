import { hkdfSync } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { InvalidToken, type Principal, SCOPES } from '../auth/principal.ts';

/** The header `typ` of a portal session token: no other verifier takes it, and it takes no other. */
export const PORTAL_TOKEN_TYPE = 'kredo-portal+jwt';
const ISSUER = 'kredo-portal';
const ALGORITHM = 'HS256';

/** What a portal session token names. */
export interface PortalTokenClaims {
  tenantId: string;
  administrationId: string;
  debtorId: string;
  sessionId: string;
  expiresAt: Date;
}

/**
 * The key portal session tokens are signed with: derived from Kredo's secrets key (HKDF, an info of
 * its own), so that it is never stored and a new secrets key ends every session. Core both signs and
 * verifies them, so a symmetric key suffices; the identity server's verifier refuses HS256 outright.
 */
export function portalTokenKey(secretsKey: Buffer): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secretsKey, Buffer.alloc(0), 'kredo portal session v1', 32));
}

export function signPortalToken(key: Uint8Array, claims: PortalTokenClaims): Promise<string> {
  return new SignJWT({ tenant: claims.tenantId, adm: claims.administrationId, sid: claims.sessionId })
    .setProtectedHeader({ alg: ALGORITHM, typ: PORTAL_TOKEN_TYPE })
    .setIssuer(ISSUER)
    .setSubject(claims.debtorId)
    .setIssuedAt()
    .setExpirationTime(Math.floor(claims.expiresAt.getTime() / 1000))
    .sign(key);
}

/**
 * The principal of a portal session token whose signature, type and expiry hold: the session's
 * tenant, its debtor's administration only, and the one scope `portal:debtor`. Whether the session
 * was revoked is the caller's to check (portal-session-verifier.ts). Refusals say `portal session
 * expired` or `invalid portal session`, which the widget tells apart.
 */
export async function verifyPortalToken(key: Uint8Array, token: string, now: Date): Promise<Principal> {
  try {
    const { payload } = await jwtVerify(token, key, {
      issuer: ISSUER,
      algorithms: [ALGORITHM],
      typ: PORTAL_TOKEN_TYPE,
      requiredClaims: ['exp', 'sub'],
      currentDate: now,
    });
    const { sub, tenant, adm, sid } = payload;
    if (
      typeof sub !== 'string' ||
      typeof tenant !== 'string' ||
      typeof adm !== 'string' ||
      typeof sid !== 'string'
    )
      throw new InvalidToken('invalid portal session', 'claims of the wrong shape');
    return {
      subject: `portal:${sid}`,
      tenantId: tenant,
      scopes: [SCOPES.portalDebtor],
      administrations: [adm],
      portal: { sessionId: sid, debtorId: sub, expiresAt: new Date((payload.exp as number) * 1000) },
    };
  } catch (error) {
    if (error instanceof InvalidToken) throw error;
    if (error instanceof errors.JWTExpired) throw new InvalidToken('portal session expired', 'expired');
    throw new InvalidToken('invalid portal session', error instanceof Error ? error.message : 'not valid');
  }
}
