import type { KoaContextWithOIDC } from 'oidc-provider';
import { CLIENT_TENANT } from '../adapter/client-adapter.ts';

export const ROLES = ['admin', 'credit_manager', 'collector', 'viewer', 'partner'] as const;
export type Role = (typeof ROLES)[number];

/** What a user's access token says of them; accounts (the next step) will supply it. */
export interface AccountClaims {
  tenant: string;
  roles: Role[];
}
export type FindAccountClaims = (accountId: string) => Promise<AccountClaims | undefined>;

interface IssuedToken {
  kind: string;
  accountId?: string | undefined;
  client?: { [key: string]: unknown } | undefined;
}

/**
 * The claims Kredo adds to every access token (the contract core verifies): `tenant`, and for users
 * `roles`. A token whose tenant is unknown is not issued at all: the error ends the request.
 */
export function extraTokenClaims(findAccountClaims: FindAccountClaims | undefined) {
  return async (_ctx: KoaContextWithOIDC, token: IssuedToken) => {
    if (token.kind === 'ClientCredentials') {
      const tenant = token.client?.[CLIENT_TENANT];
      if (typeof tenant !== 'string') throw new Error('identity: client-credentials client without a tenant');
      return { tenant };
    }
    const claims =
      token.accountId && findAccountClaims ? await findAccountClaims(token.accountId) : undefined;
    if (!claims)
      throw new Error('identity: no tenant and roles for this account (accounts are not built yet)');
    return { tenant: claims.tenant, roles: claims.roles };
  };
}
