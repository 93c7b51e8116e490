import type { TokenVerifier } from '../auth/principal.ts';
import { verifierByType } from '../auth/verifier-by-type.ts';
import type { Orm } from '../db/orm.ts';
import { PORTAL_TOKEN_TYPE, portalSessionVerifier, portalTokenKey } from '../portal/index.ts';

/**
 * The app's token verifier: debtors' portal session tokens (typ `kredo-portal+jwt`, signed by core)
 * to the portal's verifier, every other token to the identity server's.
 */
export function withPortalSessions(
  identity: TokenVerifier | undefined,
  orm: Orm,
  secretsKey: Buffer,
): TokenVerifier {
  const portal = portalSessionVerifier({ key: portalTokenKey(secretsKey), orm });
  return verifierByType({ [PORTAL_TOKEN_TYPE]: portal }, identity);
}
