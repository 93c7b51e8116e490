import type { Queryable } from '../db/queryable.ts';
import type { FindAccountClaims, Role } from '../provider/token-claims.ts';
import { PUBLISHER_KEY_PREFIX } from './sign-in-choices.ts';

/**
 * What a grant was given for. oidc-provider's Grant holds scopes only; the tenant (or, for a partner,
 * the publisher) a person chose at sign-in is kept here, by grant id, and read at every token of the
 * grant (the first one and each refresh), so the access token's `tenant` or `publisher` is the chosen one.
 */
export async function recordGrantMembership(
  db: Queryable,
  input: {
    grantId: string;
    accountId: string;
    tenantId: string | null;
    publisherId: string | null;
    expiresAt: Date;
  },
): Promise<void> {
  await db.query(
    `insert into identity.grant_membership (grant_id, account_id, tenant_id, publisher_id, expires_at)
     values ($1, $2, $3, $4, $5)
     on conflict (grant_id) do update set tenant_id = excluded.tenant_id, publisher_id = excluded.publisher_id,
       expires_at = excluded.expires_at`,
    [input.grantId, input.accountId, input.tenantId, input.publisherId, input.expiresAt],
  );
}

/** The sign-in choice (sign-in-choices.ts's `key`) the grant was given for. */
export async function grantChoiceKey(db: Queryable, grantId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ tenant_id: string | null; publisher_id: string | null }>(
    'select tenant_id, publisher_id from identity.grant_membership where grant_id = $1',
    [grantId],
  );
  const row = rows[0];
  if (!row) return undefined;
  return row.tenant_id ?? `${PUBLISHER_KEY_PREFIX}${row.publisher_id}`;
}

/**
 * The default FindAccountClaims: the grant's tenant and the membership's roles (and administrations,
 * when limited) as they are now, or for a partner's grant the publisher and the role `partner`. No
 * claims when the membership is gone or disabled, or the account disabled.
 */
export function membershipClaims(db: Queryable): FindAccountClaims {
  return async (accountId, grantId) => {
    if (!grantId) return undefined;
    const { rows } = await db.query<{
      tenant_id: string | null;
      publisher_id: string | null;
      roles: Role[];
      administrations: string[] | null;
    }>(
      `select g.tenant_id, g.publisher_id, coalesce(m.roles, array['partner']) as roles, m.administrations
       from identity.grant_membership g
       join identity.account a on a.id = g.account_id and a.disabled_at is null
       left join identity.membership m on m.account_id = g.account_id and m.tenant_id = g.tenant_id
         and m.disabled_at is null
       left join identity.partner_membership p on p.account_id = g.account_id
         and p.publisher_id = g.publisher_id and p.disabled_at is null
       where g.grant_id = $1 and g.account_id = $2 and (m.account_id is not null or p.account_id is not null)`,
      [grantId, accountId],
    );
    const row = rows[0];
    if (!row) return undefined;
    if (row.publisher_id) return { publisher: row.publisher_id, roles: ['partner'] };
    return {
      tenant: row.tenant_id as string,
      roles: row.roles,
      ...(row.administrations ? { administrations: row.administrations } : {}),
    };
  };
}
