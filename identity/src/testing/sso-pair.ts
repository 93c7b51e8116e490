import { addMembership, createAccount } from '../accounts/accounts.ts';
import type { FirstPartyClient } from '../adapter/client-adapter.ts';
import type { OnAudit } from '../audit-event.ts';
import type { Role } from '../provider/token-claims.ts';
import { verifySsoDomain } from '../sso/domain-verification.ts';
import { SSO_CALLBACK_PATH } from '../sso/sso-cookie.ts';
import { configureSso } from '../sso/sso-provider.ts';
import { startDnsServer } from './dns-server.ts';
import { TEST_PASSWORD, TEST_ROLE_SCOPES } from './test-accounts.ts';
import { createTestDatabase } from './test-database.ts';
import { startTestIdentity } from './test-identity.ts';

const KREDO_AT_UPSTREAM = { clientId: 'kredo', secret: 'upstream-client-secret-of-kredo-0123456789' };

/**
 * Two identity servers, each on its own database: Kredo's, with `clients`, and another acting as a
 * tenant's own OpenID provider (its staff have their accounts there), with Kredo as its
 * confidential client. The tenant's SSO is set up on Kredo (`domains`, each verified through a local
 * DNS server unless listed in `unverified`). `upstreamHost` gives the provider an address of its own.
 */
export async function startSsoPair(input: {
  tenantId: string;
  clients: FirstPartyClient[];
  domains: string[];
  unverified?: string[];
  defaultRole: Role;
  onAudit?: OnAudit;
  upstreamHost?: string;
}) {
  const kredoDb = await createTestDatabase();
  const upstreamDb = await createTestDatabase();
  const kredo = await startTestIdentity(kredoDb.pool, {
    firstPartyClients: input.clients,
    roleScopes: TEST_ROLE_SCOPES,
    ...(input.onAudit && { onAudit: input.onAudit }),
    onError: (error) => console.error('KREDO SERVER ERROR', error),
  });
  const upstream = await startTestIdentity(upstreamDb.pool, {
    ...(input.upstreamHost && { host: input.upstreamHost }),
    firstPartyClients: [
      {
        clientId: KREDO_AT_UPSTREAM.clientId,
        name: 'Kredo',
        redirectUris: [`${kredo.issuer}${SSO_CALLBACK_PATH}`],
        postLogoutRedirectUris: [],
        secret: KREDO_AT_UPSTREAM.secret,
      },
    ],
    roleScopes: TEST_ROLE_SCOPES,
    onError: (error) => console.error('UPSTREAM SERVER ERROR', error),
  });
  const admin = { actorId: 'usr_tenant_admin', ip: '203.0.113.9' };
  const configured = await configureSso(
    kredoDb.pool,
    kredo.masterKey,
    input.tenantId,
    {
      issuer: upstream.issuer,
      clientId: KREDO_AT_UPSTREAM.clientId,
      clientSecret: KREDO_AT_UPSTREAM.secret,
      domains: input.domains,
      defaultRole: input.defaultRole,
      enabled: true,
    },
    admin,
  );
  const dns = await startDnsServer();
  for (const { domain, txtRecord } of configured.domains) {
    if (input.unverified?.includes(domain)) continue;
    dns.records.set(`_kredo.${domain}`, [txtRecord]);
    await verifySsoDomain(kredoDb.pool, input.tenantId, domain, { servers: [dns.server] }, admin);
  }

  /**
   * A person of the provider (a member there, so its pages let them finish), password TEST_PASSWORD,
   * whose address the provider has proved (`email_verified: true`, which Kredo requires of it).
   */
  async function upstreamPerson(email: string) {
    const account = await createAccount(upstreamDb.pool, {
      email,
      name: 'Ann Acme',
      language: 'en',
      password: TEST_PASSWORD,
      emailVerified: true,
    });
    await addMembership(upstreamDb.pool, {
      accountId: account.id,
      tenantId: 'ten_upstream',
      roles: ['viewer'],
    });
    return account;
  }

  return { kredo, kredoDb, upstream, upstreamPerson };
}
