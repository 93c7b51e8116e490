import type Provider from 'oidc-provider';
import type { Queryable } from '../db/queryable.ts';
import type { Role } from '../provider/token-claims.ts';
import { grantChoiceKey, recordGrantMembership } from './grant-membership.ts';
import type { SignInChoice } from './sign-in-choices.ts';

/** The API scopes each role may be granted (core's role table, core/src/auth/roles.ts, passed in). */
export type RoleScopes = Readonly<Partial<Record<Role, readonly string[]>>>;

const OIDC_SCOPES = ['openid', 'offline_access', 'email', 'profile'];

export interface GrantInput {
  /** The interaction's grant, when the session already had one for this client. */
  existingGrantId: string | undefined;
  accountId: string;
  clientId: string;
  /** The tenant membership or the publisher the person chose. */
  choice: Pick<SignInChoice, 'key' | 'tenantId' | 'publisherId' | 'roles'>;
  /** The authorization request's `scope`, as oidc-provider kept it (offline_access only with prompt=consent). */
  requestedScope: string | undefined;
  apiResource: string;
  apiScopes: readonly string[];
  roleScopes: RoleScopes;
  /** A third-party application's own API scopes: it is given none beyond them. */
  clientScopes?: readonly string[] | undefined;
  expiresAt: Date;
}

/**
 * What a grant holds, as a pure function of the request: the OpenID scopes asked for, and of the API
 * scopes asked for those the chosen membership's (or publisher's) roles (and a third-party application's own scopes) allow;
 * the rest refused. The consent page shows `oidc` and `granted`.
 */
export function scopesToGrant(
  input: Pick<GrantInput, 'requestedScope' | 'apiScopes' | 'roleScopes' | 'clientScopes'> & {
    roles: readonly Role[];
  },
): { oidc: string[]; granted: string[]; refused: string[] } {
  const requested = (input.requestedScope ?? '').split(' ').filter(Boolean);
  const oidc = requested.filter((scope) => OIDC_SCOPES.includes(scope));
  const allowed = new Set(input.roles.flatMap((role) => input.roleScopes[role] ?? []));
  const api = requested.filter((scope) => input.apiScopes.includes(scope));
  const permitted = (scope: string) =>
    allowed.has(scope) && (input.clientScopes === undefined || input.clientScopes.includes(scope));
  return { oidc, granted: api.filter(permitted), refused: api.filter((scope) => !permitted(scope)) };
}

/**
 * The grant a client gets: a first-party client (the staff console) without asking, a third-party
 * application once the person allowed it on the consent page (app-consent.ts). The OpenID scopes it
 * asked for, and the API scopes scopesToGrant allows; the others are recorded as rejected (so
 * oidc-provider does not ask again). The grant is tied to the membership or publisher
 * (grant-membership.ts); a grant of the session given for another choice is not reused.
 */
export async function firstPartyGrant(provider: Provider, db: Queryable, input: GrantInput): Promise<string> {
  const reusable =
    input.existingGrantId && (await grantChoiceKey(db, input.existingGrantId)) === input.choice.key
      ? await provider.Grant.find(input.existingGrantId)
      : undefined;
  const grant =
    reusable && reusable.accountId === input.accountId
      ? reusable
      : new provider.Grant({ accountId: input.accountId, clientId: input.clientId });

  const { oidc, granted, refused } = scopesToGrant({ ...input, roles: input.choice.roles });
  if (oidc.length > 0) grant.addOIDCScope(oidc.join(' '));
  if (granted.length > 0) grant.addResourceScope(input.apiResource, granted.join(' '));
  if (refused.length > 0) grant.rejectResourceScope(input.apiResource, refused.join(' '));

  const grantId = await grant.save();
  await recordGrantMembership(db, {
    grantId,
    accountId: input.accountId,
    tenantId: input.choice.tenantId,
    publisherId: input.choice.publisherId,
    expiresAt: input.expiresAt,
  });
  return grantId;
}
