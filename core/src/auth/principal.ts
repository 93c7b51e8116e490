/** Who a request acts for, as established by the token verifier. */
export interface Principal {
  subject: string;
  tenantId: string;
  scopes: string[];
}

/** Every scope core checks. Roles (admin, credit manager, collector, viewer) are bundles of these. */
export const SCOPES = {
  ledgerRead: 'ledger:read',
  ledgerWrite: 'ledger:write',
  importWrite: 'import:write',
  /** A partner publishing plugin versions; for now the token's `sub` is the publisher id. */
  marketplacePublish: 'marketplace:publish',
  /** A tenant administrator installing, configuring and removing plugins. */
  pluginsManage: 'plugins:manage',
  /** A credit manager designing dunning strategies and their settings (late-charge rates). */
  dunningManage: 'dunning:manage',
} as const;
export const ALL_SCOPES = Object.values(SCOPES);

/**
 * Turns a bearer token into a Principal or throws. The only thing that differs between development
 * tokens and the identity server's access tokens: swap the verifier, nothing else trusts a request.
 */
export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

export class InvalidToken extends Error {
  override name = 'InvalidToken';
}
