import type { Queryable } from '../db/queryable.ts';
import type { FindAccountClaims, Role } from '../provider/token-claims.ts';

/**
 * Which membership a grant was given for. oidc-provider's Grant holds scopes only; the tenant a
 * person chose at sign-in is kept here, by grant id, and read at every token of the grant (the first
 * one and each refresh), so the access token's `tenant` is the chosen one.
 */
export async function recordGrantMembership(
  db: Queryable,
  input: { grantId: string; accountId: string; tenantId: string; expiresAt: Date },
): Promise<void> {
  await db.query(
    `insert into identity.grant_membership (grant_id, account_id, tenant_id, expires_at) values ($1, $2, $3, $4)
     on conflict (grant_id) do update set tenant_id = excluded.tenant_id, expires_at = excluded.expires_at`,
    [input.grantId, input.accountId, input.tenantId, input.expiresAt],
  );
}

export async function grantTenant(db: Queryable, grantId: string): Promise<string | undefined> {
  const { rows } = await db.query<{ tenant_id: string }>(
    'select tenant_id from identity.grant_membership where grant_id = $1',
    [grantId],
  );
  return rows[0]?.tenant_id;
}

/**
 * The default FindAccountClaims: the grant's tenant and the membership's roles (and administrations,
 * when limited) as they are now. No
 * claims when the membership is gone or the account disabled.
 */
export function membershipClaims(db: Queryable): FindAccountClaims {
  return async (accountId, grantId) => {
    if (!grantId) return undefined;
    const { rows } = await db.query<{ tenant_id: string; roles: Role[]; administrations: string[] | null }>(
      `select g.tenant_id, m.roles, m.administrations from identity.grant_membership g
       join identity.membership m on m.account_id = g.account_id and m.tenant_id = g.tenant_id
         and m.disabled_at is null
       join identity.account a on a.id = g.account_id and a.disabled_at is null
       where g.grant_id = $1 and g.account_id = $2`,
      [grantId, accountId],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      tenant: row.tenant_id,
      roles: row.roles,
      ...(row.administrations ? { administrations: row.administrations } : {}),
    };
  };
}
