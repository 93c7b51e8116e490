import type { Queryable } from '../db/queryable.ts';
import { domainOf } from './sso-domains.ts';

/**
 * The tenant whose provider signs this e-mail in: its domain verified by an enabled tenant's
 * provider; undefined for everyone else (they sign in with a password or a passkey).
 */
export async function ssoTenantFor(db: Queryable, email: string): Promise<string | undefined> {
  const { rows } = await db.query<{ tenant_id: string }>(
    `select d.tenant_id from identity.sso_domain d join identity.sso_provider p on p.tenant_id = d.tenant_id
     where d.domain = $1 and d.verified_at is not null and p.enabled`,
    [domainOf(email)],
  );
  return rows[0]?.tenant_id;
}
