import type { KoaContextWithOIDC, errors as OidcErrors } from 'oidc-provider';
import { CLIENT_PUBLISHER, CLIENT_TENANT } from '../adapter/client-adapter.ts';

export const ROLES = ['admin', 'credit_manager', 'collector', 'viewer', 'partner'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What a user's access token says of them: the tenant of the membership chosen at sign-in, its roles
 * and, when the membership is limited to some administrations, those; or, for a partner, the
 * publisher chosen and the role `partner` (no tenant: a partner reaches no tenant's data).
 */
export type AccountClaims =
  | { tenant: string; roles: Role[]; administrations?: string[] }
  | { publisher: string; roles: ['partner'] };
/**
 * The claims for a user's token of a grant (accounts/membership-claims.ts by default: the membership
 * the grant was given for, read afresh so that a role change shows at the next refresh). Undefined:
 * no token (the membership or the account is gone).
 */
export type FindAccountClaims = (
  accountId: string,
  grantId: string | undefined,
) => Promise<AccountClaims | undefined>;

interface IssuedToken {
  kind: string;
  accountId?: string | undefined;
  grantId?: string | undefined;
  client?: { [key: string]: unknown } | undefined;
}

/**
 * The claims Kredo adds to every access token (the contract core verifies): `tenant` (or for a
 * partner, and a publisher's API client, `publisher`), and for users `roles` and, when their
 * membership is limited to some administrations, `administrations`. A token whose tenant is unknown
 * is not issued at all: the error ends the request.
 */
export function extraTokenClaims(findAccountClaims: FindAccountClaims, errors: typeof OidcErrors) {
  return async (_ctx: KoaContextWithOIDC, token: IssuedToken) => {
    if (token.kind === 'ClientCredentials') {
      const tenant = token.client?.[CLIENT_TENANT];
      const publisher = token.client?.[CLIENT_PUBLISHER];
      if (typeof publisher === 'string') return { publisher };
      if (typeof tenant !== 'string') throw new Error('identity: client-credentials client without a tenant');
      return { tenant };
    }
    const claims = token.accountId ? await findAccountClaims(token.accountId, token.grantId) : undefined;
    // The grant outlived its membership (removed, or the account disabled): no token, and the
    // client is told its grant is no good rather than a server error.
    if (!claims) throw new errors.InvalidGrant('no membership for this grant');
    return { ...claims };
  };
}
