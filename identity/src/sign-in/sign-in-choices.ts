import { membershipsOf } from '../accounts/accounts.ts';
import { partnerMembershipsOf } from '../accounts/partners.ts';
import type { Queryable } from '../db/queryable.ts';
import type { Role } from '../provider/token-claims.ts';

/**
 * One thing a person may sign in as: a tenant's staff (a membership) or a publisher's partner. A
 * grant is given for exactly one, and its tokens carry its `tenant` or its `publisher`.
 */
export interface SignInChoice {
  /** The value the choice page posts: the tenant id, or `publisher:` and the publisher id. */
  key: string;
  tenantId: string | null;
  publisherId: string | null;
  /** What the choice page shows: the tenant id (tenant names are core's), or the publisher's name. */
  name: string;
  roles: Role[];
  /** A partner always needs a second factor: what partners publish runs at every tenant installing it. */
  require2fa: boolean;
}

export const PUBLISHER_KEY_PREFIX = 'publisher:';

/** The account's active tenant memberships, then its active partner memberships. */
export async function signInChoices(db: Queryable, accountId: string): Promise<SignInChoice[]> {
  const tenants = (await membershipsOf(db, accountId)).map((membership) => ({
    key: membership.tenantId,
    tenantId: membership.tenantId,
    publisherId: null,
    name: membership.tenantId,
    roles: membership.roles,
    require2fa: membership.require2fa,
  }));
  const publishers = (await partnerMembershipsOf(db, accountId)).map((partner) => ({
    key: `${PUBLISHER_KEY_PREFIX}${partner.publisherId}`,
    tenantId: null,
    publisherId: partner.publisherId,
    name: partner.publisherName,
    roles: ['partner' as const],
    require2fa: true,
  }));
  return [...tenants, ...publishers];
}
