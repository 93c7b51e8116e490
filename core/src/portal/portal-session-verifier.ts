import type { Principal, TokenVerifier } from '../auth/principal.ts';
import { InvalidToken } from '../auth/principal.ts';
import type { Orm } from '../db/orm.ts';
import { readAsTenant } from '../db/tenant-scope.ts';
import { activePortalSessionScope } from './portal-sessions.ts';
import { verifyPortalToken } from './portal-token.ts';

/**
 * Portal session tokens: signature, type and expiry (portal-token.ts), then the session row, so that
 * a revoked session is refused at its next request; the row also says whether the session reaches
 * the debtor alone or its group. Not cached: a revocation holds at once, and a
 * debtor's widget makes few requests.
 */
export function portalSessionVerifier(options: {
  key: Uint8Array;
  orm: Orm;
  now?: () => number;
}): TokenVerifier {
  const now = options.now ?? Date.now;
  return {
    async verify(token): Promise<Principal> {
      const principal = await verifyPortalToken(options.key, token, new Date(now()));
      const sessionId = principal.portal?.sessionId as string;
      const scope = await readAsTenant(options.orm, principal.tenantId, (em) =>
        activePortalSessionScope(em, sessionId),
      );
      if (!scope) throw new InvalidToken('portal session expired', 'revoked');
      return { ...principal, portal: { ...(principal.portal as NonNullable<Principal['portal']>), scope } };
    },
  };
}
