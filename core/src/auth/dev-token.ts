import { errors, jwtVerify, SignJWT } from 'jose';
import { InvalidToken, type Principal, type TokenVerifier } from './principal.ts';

const ISSUER = 'kredo-dev';
const AUDIENCE = 'kredo-api';

/**
 * Development tokens: HS256 JWTs with the same claims the identity server will issue (sub, tenant,
 * scope), signed with the development secret. Accepted only when KREDO_DEV_AUTH=1.
 */
export function devTokenVerifier(secret: string): TokenVerifier {
  const key = new TextEncoder().encode(secret);
  return {
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: ['HS256'],
          requiredClaims: ['exp', 'sub'],
        });
        if (typeof payload.sub !== 'string' || typeof payload.tenant !== 'string') {
          throw new InvalidToken('token lacks sub or tenant');
        }
        const scope = typeof payload.scope === 'string' ? payload.scope : '';
        return { subject: payload.sub, tenantId: payload.tenant, scopes: scope.split(' ').filter(Boolean) };
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
  return new SignJWT({ tenant: principal.tenantId, scope: principal.scopes.join(' ') })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(principal.subject)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
