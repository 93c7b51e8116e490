import { Resolver } from 'node:dns/promises';
import { type AuditActor, recordAudit } from '../audit/audit-log.ts';
import type { Queryable } from '../db/queryable.ts';
import { normaliseDomain, TXT_SUBDOMAIN, txtRecord } from './sso-domains.ts';
import { SsoInputError } from './sso-input-error.ts';
import { SSO_AUDIT_TYPES, type SsoDomain } from './sso-provider.ts';

/** Which DNS servers answer ("host" or "host:port", as node:dns takes them); empty: the system's. */
export interface DnsOptions {
  servers: readonly string[];
}

/**
 * Verifies one of the tenant's domains: its TXT record (`kredo-domain-verification=<token>`) at the
 * domain or at `_kredo.<domain>`, looked up through node:dns. Found: the domain routes its people
 * from now on (`sso.domain_verified` audited the first time). Not found: a SsoInputError on
 * `domain` naming the record expected. A domain that is not the tenant's is undefined (404).
 */
export async function verifySsoDomain(
  db: Queryable,
  tenantId: string,
  rawDomain: string,
  dns: DnsOptions,
  by: AuditActor,
): Promise<SsoDomain | undefined> {
  const domain = normaliseDomain(rawDomain);
  if (!domain) return undefined;
  const { rows } = await db.query<{ token: string; verified_at: Date | null }>(
    'select token, verified_at from identity.sso_domain where domain = $1 and tenant_id = $2',
    [domain, tenantId],
  );
  const row = rows[0];
  if (!row) return undefined;
  const expected = txtRecord(row.token);
  const records = await txtRecordsOf(dns, [domain, `${TXT_SUBDOMAIN}.${domain}`]);
  if (!records.includes(expected))
    throw new SsoInputError(
      'domain',
      `no TXT record "${expected}" found at ${domain} or ${TXT_SUBDOMAIN}.${domain}`,
    );
  if (row.verified_at) return { domain, txtRecord: expected, verifiedAt: row.verified_at };
  // Only the first of two verifications at once sets the time and tells the audit log.
  const updated = await db.query<{ verified_at: Date }>(
    `update identity.sso_domain set verified_at = now()
     where domain = $1 and tenant_id = $2 and verified_at is null returning verified_at`,
    [domain, tenantId],
  );
  const verifiedAt = updated.rows[0]?.verified_at;
  if (!verifiedAt) return verifiedSince(db, tenantId, domain, expected);
  await recordAudit(db, {
    type: SSO_AUDIT_TYPES.domainVerified,
    tenantId,
    actorId: by.actorId,
    subjectId: tenantId,
    ip: by.ip,
    details: { domain },
  });
  return { domain, txtRecord: expected, verifiedAt };
}

/** The domain as another verification left it a moment ago (undefined if it was removed meanwhile). */
async function verifiedSince(db: Queryable, tenantId: string, domain: string, expected: string) {
  const { rows } = await db.query<{ verified_at: Date | null }>(
    'select verified_at from identity.sso_domain where domain = $1 and tenant_id = $2',
    [domain, tenantId],
  );
  const row = rows[0];
  return row ? { domain, txtRecord: expected, verifiedAt: row.verified_at } : undefined;
}

/** The TXT records at those names, each record's strings joined; a name without any has none. */
async function txtRecordsOf(dns: DnsOptions, names: string[]): Promise<string[]> {
  const resolver = new Resolver({ timeout: 3000, tries: 2 });
  if (dns.servers.length > 0) resolver.setServers([...dns.servers]);
  const found = await Promise.all(
    names.map((name) =>
      resolver.resolveTxt(name).then(
        (records) => records.map((chunks) => chunks.join('')),
        () => [] as string[],
      ),
    ),
  );
  return found.flat();
}
