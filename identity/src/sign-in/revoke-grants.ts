import type { Queryable } from '../db/queryable.ts';

/**
 * Revokes grants (an account's, a client's, or both), with every token stored under them (refresh tokens, codes): a
 * refresh token of a revoked grant is refused at once; access tokens are JWTs, not stored, and run
 * out at their `exp`. Narrowed to one client, to grants given for one tenant (grant-membership.ts),
 * and/or to listed grant ids. Returns how many grants went.
 */
export async function revokeGrants(
  db: Queryable,
  filter: { accountId?: string; clientId?: string; tenantId?: string; grantIds?: readonly string[] },
): Promise<number> {
  const { rows } = await db.query<{ revoked: number }>(
    `with grants as (
       select g.id from identity.payload g
       where g.model = 'Grant' and ($1::text is null or g.payload ->> 'accountId' = $1)
         and ($2::text is null or g.payload ->> 'clientId' = $2)
         and ($3::text is null or exists (
           select 1 from identity.grant_membership m where m.grant_id = g.id and m.tenant_id = $3))
         and ($4::text[] is null or g.id = any($4))
     ), tokens as (
       delete from identity.payload where grant_id in (select id from grants)
     ), memberships as (
       delete from identity.grant_membership where grant_id in (select id from grants)
     ), dropped as (
       delete from identity.payload where model = 'Grant' and id in (select id from grants) returning id
     )
     select count(*)::int as revoked from dropped`,
    [filter.accountId ?? null, filter.clientId ?? null, filter.tenantId ?? null, filter.grantIds ?? null],
  );
  return rows[0]?.revoked ?? 0;
}
