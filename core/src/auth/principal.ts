/** Who a request acts for, as established by the token verifier. */
export interface Principal {
  subject: string;
  /**
   * The tenant whose data the request reaches. Empty only for a token whose scopes reach no tenant's
   * data (a partner's: auth/roles.ts TENANT_FREE_SCOPES); row-level security then shows it nothing.
   */
  tenantId: string;
  scopes: string[];
  /**
   * The tenant's administrations the caller may reach, when its token limits them (a staff member's
   * membership, identity's `administrations` claim); undefined: all of them. Row-level security
   * applies it (db/administration-scope.ts).
   */
  administrations?: readonly string[];
  /**
   * For a debtor's portal session: which session, for which debtor, and whether it reaches that
   * debtor alone or its whole group (the debtor and its descendants: portal/portal-reach.ts).
   */
  portal?: { sessionId: string; debtorId: string; expiresAt: Date; scope?: 'debtor' | 'group' };
  /**
   * The publisher a partner's token acts for (its `publisher` claim, e.g. `com.example`): whose keys
   * and plugin versions it may manage in the marketplace. Absent from every other token.
   */
  publisherId?: string;
}

/** Every scope core checks. Roles (admin, credit manager, collector, viewer, partner) are bundles of these: auth/roles.ts. */
export const SCOPES = {
  ledgerRead: 'ledger:read',
  ledgerWrite: 'ledger:write',
  importWrite: 'import:write',
  /** Reading dunning: strategies, runs, actions, the preview, tasks, notes, disputes, promises, plans. */
  dunningRead: 'dunning:read',
  /** The daily work: running dunning, tasks, notes, holds, disputes, promises and payment plans. */
  dunningWrite: 'dunning:write',
  /** Designing dunning: strategies, segments, schedules, late-charge rates. */
  dunningManage: 'dunning:manage',
  /** Scheduling reports that are mailed to a list of people (reading reports takes `ledger:read`). */
  reportsManage: 'reports:manage',
  /** A partner publishing plugin versions, for the publisher of the token's `publisher` claim (marketplace/publisher-keys.ts). */
  marketplacePublish: 'marketplace:publish',
  /** A tenant administrator installing, configuring and removing plugins. */
  pluginsManage: 'plugins:manage',
  /** A tenant administrator managing the tenant's API clients (and later users) and reading its audit log. */
  identityManage: 'identity:manage',
  /** A tenant's backend minting debtor portal sessions, and an admin setting where the portal may be embedded. */
  portalSessions: 'portal:sessions',
  /**
   * A debtor in the portal: held only by a portal session's principal (portal/portal-token.ts), never
   * by a role or an API client, and checked only by the portal's own routes.
   */
  portalDebtor: 'portal:debtor',
} as const;
/** Every scope a token from the identity server may carry: all but the portal session's own. */
export const ALL_SCOPES: string[] = Object.values(SCOPES).filter((scope) => scope !== SCOPES.portalDebtor);

/**
 * Turns a bearer token into a Principal or throws. The only thing that differs between development
 * tokens and the identity server's access tokens: swap the verifier, nothing else trusts a request.
 */
export interface TokenVerifier {
  verify(token: string): Promise<Principal>;
}

/**
 * A token that does not let its bearer in: answered 401 with `message`. `reason` is for the request
 * log only, so a verifier can say why there without telling a forger which check caught it.
 */
export class InvalidToken extends Error {
  override name = 'InvalidToken';
  readonly reason: string;
  constructor(message: string, reason = message) {
    super(message);
    this.reason = reason;
  }
}
