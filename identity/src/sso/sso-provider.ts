import { randomBytes } from 'node:crypto';
import { type AuditActor, recordAudit } from '../audit/audit-log.ts';
import type { Queryable } from '../db/queryable.ts';
import { inTransaction } from '../db/transaction.ts';
import { open, seal } from '../keys/seal.ts';
import { ROLES, type Role } from '../provider/token-claims.ts';
import { normaliseDomain, txtRecord } from './sso-domains.ts';
import { SsoInputError } from './sso-input-error.ts';
import { checkIssuerUrl, discoverUpstream } from './upstream-client.ts';

/** The audit types of a tenant's SSO settings and sign-ins. */
export const SSO_AUDIT_TYPES = {
  configured: 'sso.configured',
  domainVerified: 'sso.domain_verified',
  signInOk: 'sso.sign_in.ok',
  signInFailed: 'sso.sign_in.failed',
  provisioned: 'user.provisioned',
} as const;

/** One of a tenant's SSO domains: routes people only once verified. */
export interface SsoDomain {
  domain: string;
  /** The TXT record to publish at the domain or at `_kredo.<domain>`. */
  txtRecord: string;
  verifiedAt: Date | null;
}

/** A tenant's upstream OpenID provider as its admins see it: the secret only as whether one is set. */
export interface SsoProvider {
  tenantId: string;
  issuer: string;
  clientId: string;
  clientSecretSet: boolean;
  defaultRole: Role;
  enabled: boolean;
  domains: SsoDomain[];
  updatedAt: Date;
}

/** What an admin sends; a secret left out keeps the one stored (null removes it: a public client). */
export interface SsoProviderInput {
  issuer: string;
  clientId: string;
  clientSecret?: string | null;
  domains: string[];
  defaultRole: Role;
  enabled: boolean;
}

/** The client secret's seal is bound to the tenant: moved to another tenant's row it does not open. */
const secretContext = (tenantId: string) => `sso:${tenantId}`;

interface ProviderRow {
  tenant_id: string;
  issuer: string;
  client_id: string;
  client_secret: Buffer | null;
  default_role: Role;
  enabled: boolean;
  updated_at: Date;
}

/**
 * Sets the tenant's upstream provider, step by step: check the input, fetch the issuer's discovery
 * document (its issuer must be the one given), then in one transaction write the
 * provider and its domains (a domain kept keeps its token and verification; one claimed by another
 * tenant refuses the whole change) and audit `sso.configured`.
 */
export async function configureSso(
  db: Queryable,
  masterKey: Buffer,
  tenantId: string,
  input: SsoProviderInput,
  by: AuditActor,
): Promise<SsoProvider> {
  const domains = checkInput(input);
  const issuer = checkIssuerUrl(input.issuer);
  const existing = await providerRow(db, tenantId);
  const secret =
    input.clientSecret === undefined ? storedSecret(masterKey, tenantId, existing) : input.clientSecret;
  await discoverUpstream({ issuer, clientId: input.clientId, clientSecret: secret });
  await inTransaction(db, async (tx) => {
    await tx.query(
      `insert into identity.sso_provider (tenant_id, issuer, client_id, client_secret, default_role, enabled)
       values ($1, $2, $3, $4, $5, $6)
       on conflict (tenant_id) do update set issuer = excluded.issuer, client_id = excluded.client_id,
         client_secret = excluded.client_secret, default_role = excluded.default_role,
         enabled = excluded.enabled, updated_at = now()`,
      [
        tenantId,
        issuer,
        input.clientId,
        secret === null ? null : seal(masterKey, secret, secretContext(tenantId)),
        input.defaultRole,
        input.enabled,
      ],
    );
    await replaceDomains(tx, tenantId, domains);
    await recordAudit(tx, {
      type: SSO_AUDIT_TYPES.configured,
      tenantId,
      actorId: by.actorId,
      subjectId: tenantId,
      ip: by.ip ?? null,
      details: {
        issuer,
        clientId: input.clientId,
        domains,
        defaultRole: input.defaultRole,
        enabled: input.enabled,
      },
    });
  });
  return (await findSsoProvider(db, tenantId)) as SsoProvider;
}

/** The secret kept, for a save that sends none; one sealed under another key must be sent again. */
function storedSecret(masterKey: Buffer, tenantId: string, existing: ProviderRow | undefined): string | null {
  if (!existing?.client_secret) return null;
  try {
    return open(masterKey, existing.client_secret, secretContext(tenantId));
  } catch {
    throw new SsoInputError(
      'clientSecret',
      'the stored secret no longer opens (KREDO_SECRETS_KEY changed): send it again',
    );
  }
}

function checkInput(input: SsoProviderInput): string[] {
  if (!input.clientId.trim()) throw new SsoInputError('clientId', 'must not be empty');
  if (!(ROLES as readonly string[]).includes(input.defaultRole) || input.defaultRole === 'partner')
    throw new SsoInputError('defaultRole', 'must be one of admin, credit_manager, collector, viewer');
  const domains = input.domains.map((raw, i) => {
    const domain = normaliseDomain(raw);
    if (!domain) throw new SsoInputError(`domains[${i}]`, 'is not a domain name such as example.com');
    return domain;
  });
  const twice = domains.findIndex((domain, i) => domains.indexOf(domain) !== i);
  if (twice >= 0) throw new SsoInputError(`domains[${twice}]`, 'is listed twice');
  return domains;
}

/** The tenant's domains become `domains`: new ones get a token, dropped ones go, kept ones stay as they are. */
async function replaceDomains(tx: Queryable, tenantId: string, domains: string[]): Promise<void> {
  await tx.query('delete from identity.sso_domain where tenant_id = $1 and not (domain = any($2::text[]))', [
    tenantId,
    domains,
  ]);
  for (const [i, domain] of domains.entries()) {
    const { rows } = await tx.query<{ tenant_id: string }>(
      `insert into identity.sso_domain (domain, tenant_id, token) values ($1, $2, $3)
       on conflict (domain) do update set domain = excluded.domain returning tenant_id`,
      [domain, tenantId, randomBytes(18).toString('base64url')],
    );
    if (rows[0]?.tenant_id !== tenantId)
      throw new SsoInputError(`domains[${i}]`, `${domain} is claimed by another tenant`, true);
  }
}

/** The tenant's provider and domains, or undefined when it has none. */
export async function findSsoProvider(db: Queryable, tenantId: string): Promise<SsoProvider | undefined> {
  const row = await providerRow(db, tenantId);
  if (!row) return undefined;
  const { rows } = await db.query<{ domain: string; token: string; verified_at: Date | null }>(
    'select domain, token, verified_at from identity.sso_domain where tenant_id = $1 order by domain',
    [tenantId],
  );
  return {
    tenantId,
    issuer: row.issuer,
    clientId: row.client_id,
    clientSecretSet: row.client_secret !== null,
    defaultRole: row.default_role,
    enabled: row.enabled,
    domains: rows.map((d) => ({
      domain: d.domain,
      txtRecord: txtRecord(d.token),
      verifiedAt: d.verified_at,
    })),
    updatedAt: row.updated_at,
  };
}

/** What the sign-in needs of an enabled provider: its credentials, the secret opened. */
export async function upstreamOf(
  db: Queryable,
  masterKey: Buffer,
  tenantId: string,
): Promise<
  | { issuer: string; clientId: string; clientSecret: string | null; defaultRole: Role; domains: string[] }
  | undefined
> {
  const row = await providerRow(db, tenantId);
  if (!row?.enabled) return undefined;
  const { rows } = await db.query<{ domain: string }>(
    'select domain from identity.sso_domain where tenant_id = $1 and verified_at is not null',
    [tenantId],
  );
  return {
    issuer: row.issuer,
    clientId: row.client_id,
    clientSecret: row.client_secret ? open(masterKey, row.client_secret, secretContext(tenantId)) : null,
    defaultRole: row.default_role,
    domains: rows.map((r) => r.domain),
  };
}

async function providerRow(db: Queryable, tenantId: string): Promise<ProviderRow | undefined> {
  const { rows } = await db.query<ProviderRow>(
    `select tenant_id, issuer, client_id, client_secret, default_role, enabled, updated_at
     from identity.sso_provider where tenant_id = $1`,
    [tenantId],
  );
  return rows[0];
}
