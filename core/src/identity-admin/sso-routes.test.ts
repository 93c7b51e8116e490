import { randomBytes } from 'node:crypto';
import { startIdentityServer } from '@kredo/identity';
import { startDnsServer } from '@kredo/identity/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { ALL_SCOPES } from '../auth/principal.ts';
import { ROLE_SCOPES } from '../auth/roles.ts';

// A tenant admin sets up upstream SSO through core's API: another identity server on the test's
// database plays the tenant's provider (its discovery document is fetched at save time), a local
// DNS server answers the domains' TXT records (KREDO_DNS_SERVERS).
const dns = await startDnsServer();
const { db, caller, newTenant, identityDb } = await createTestApi({
  config: { secretsKey: randomBytes(32).toString('base64'), dnsServers: [dns.server] },
});
const provider = await startIdentityServer({
  databaseUrl: db.url,
  port: 0,
  masterKey: randomBytes(32),
  apiResource: 'http://127.0.0.1:3000/api/v1',
  apiScopes: ALL_SCOPES,
  keyRefreshSeconds: 0,
});
afterAll(() => provider.close());

const SECRET = 'the-client-secret-at-the-provider-9f8e7d';
const acme = await newTenant('Acme BV');
const globex = await newTenant('Globex BV');
const acmeAdmin = await caller(acme.tenantId, [...ROLE_SCOPES.admin], 'usr_acme_admin');
const settings = {
  issuer: provider.issuer,
  clientId: 'kredo',
  clientSecret: SECRET,
  domains: ['Acme.example', 'acme-labs.example'],
  defaultRole: 'collector',
  enabled: true,
};

describe('upstream SSO settings through the API', () => {
  it('checks the issuer by its discovery document before storing anything', async () => {
    expect((await acmeAdmin('GET', '/api/v1/identity/sso')).body).toMatchObject({
      code: 'sso_provider_not_found',
    });
    const nowhere = await acmeAdmin('PUT', '/api/v1/identity/sso', {
      ...settings,
      issuer: 'http://127.0.0.1:9',
    });
    expect(nowhere.status).toBe(400);
    expect(nowhere.body).toMatchObject({ code: 'invalid_request', details: { field: 'issuer' } });
    expect(String(nowhere.body.message)).toContain('discovery document');
    const plain = await acmeAdmin('PUT', '/api/v1/identity/sso', {
      ...settings,
      issuer: 'http://id.example.com',
    });
    expect(plain.status).toBe(400);
    expect(String(plain.body.message)).toMatch(/^issuer: must be an https URL/);
    const other = await acmeAdmin('PUT', '/api/v1/identity/sso', {
      ...settings,
      issuer: `${provider.issuer}/x`,
    });
    expect(other.status).toBe(400);
    expect((await acmeAdmin('GET', '/api/v1/identity/sso')).status).toBe(404);
  });

  it('stores the provider with its secret sealed and never returned, and gives each domain a TXT record', async () => {
    const saved = await acmeAdmin('PUT', '/api/v1/identity/sso', settings);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      issuer: provider.issuer,
      clientId: 'kredo',
      redirectUri: 'http://localhost:3001/sso/callback',
      clientSecret: 'set',
      defaultRole: 'collector',
      enabled: true,
    });
    const domains = saved.body.domains as { domain: string; txtRecord: string; verifiedAt: string | null }[];
    expect(domains.map((d) => d.domain)).toEqual(['acme-labs.example', 'acme.example']);
    for (const d of domains)
      expect(d).toMatchObject({
        txtRecord: expect.stringMatching(/^kredo-domain-verification=[\w-]{24}$/),
        verifiedAt: null,
      });

    const read = await acmeAdmin('GET', '/api/v1/identity/sso');
    expect(JSON.stringify(read.body)).not.toContain(SECRET);
    expect(JSON.stringify(saved.body)).not.toContain(SECRET);
    const { rows } = await identityDb.query<{ client_secret: Buffer }>(
      'select client_secret from identity.sso_provider where tenant_id = $1',
      [acme.tenantId],
    );
    expect(rows[0]?.client_secret.includes(Buffer.from(SECRET))).toBe(false);

    // Saved again without the secret: the stored one is kept, and so are the domains' records.
    const { clientSecret: _, ...withoutSecret } = settings;
    const again = await acmeAdmin('PUT', '/api/v1/identity/sso', { ...withoutSecret, enabled: false });
    expect(again.body).toMatchObject({ clientSecret: 'set', enabled: false, domains });

    const events = await acmeAdmin('GET', '/api/v1/audit-events?type=sso.configured');
    expect((events.body.data as unknown[]).length).toBe(2);
    expect(JSON.stringify(events.body)).not.toContain(SECRET);
  });

  it('lets one tenant only claim a domain', async () => {
    const taken = await globex.api('PUT', '/api/v1/identity/sso', {
      ...settings,
      domains: ['globex.example', 'ACME.example'],
    });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'domain_claimed', details: { field: 'domains[1]' } });
    expect((await globex.api('GET', '/api/v1/identity/sso')).status).toBe(404);

    // Two tenants claiming one domain at once: one gets it, the other 409, nothing half-written.
    const [one, two] = await Promise.all([newTenant('One BV'), newTenant('Two BV')]);
    const claims = await Promise.all(
      [one, two].map((t) => t.api('PUT', '/api/v1/identity/sso', { ...settings, domains: ['race.example'] })),
    );
    expect(claims.map((c) => c.status).sort()).toEqual([200, 409]);
    const loser = claims[0]?.status === 409 ? one : two;
    expect((await loser.api('GET', '/api/v1/identity/sso')).status).toBe(404);
  });

  it('verifies a domain by its TXT record, at the domain or at _kredo.<domain>', async () => {
    const { body } = await acmeAdmin('GET', '/api/v1/identity/sso');
    const record = (body.domains as { domain: string; txtRecord: string }[]).find(
      (d) => d.domain === 'acme.example',
    );
    const missing = await acmeAdmin('POST', '/api/v1/identity/sso/domains/acme.example/verify');
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ details: { field: 'domain' } });
    expect(String(missing.body.message)).toContain(record?.txtRecord);

    dns.records.set('acme.example', ['v=spf1 -all', record?.txtRecord ?? '']);
    const verified = await acmeAdmin('POST', '/api/v1/identity/sso/domains/ACME.example/verify');
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ domain: 'acme.example', verifiedAt: expect.any(String) });
    const again = await acmeAdmin('POST', '/api/v1/identity/sso/domains/acme.example/verify');
    expect(again.body).toEqual(verified.body);

    // Another tenant's record does not verify it for this one: the token is the domain's own.
    dns.records.set('_kredo.acme-labs.example', [record?.txtRecord ?? '']);
    expect((await acmeAdmin('POST', '/api/v1/identity/sso/domains/acme-labs.example/verify')).status).toBe(
      400,
    );

    expect(
      (await acmeAdmin('POST', '/api/v1/identity/sso/domains/globex.example/verify')).body,
    ).toMatchObject({
      code: 'sso_domain_not_found',
    });
    expect((await globex.api('POST', '/api/v1/identity/sso/domains/acme.example/verify')).status).toBe(404);
    const events = await acmeAdmin('GET', '/api/v1/audit-events?type=sso.domain_verified');
    expect(events.body.data).toHaveLength(1);
  });

  it('is for identity:manage only', async () => {
    const viewer = await caller(acme.tenantId, [...ROLE_SCOPES.viewer], 'usr_acme_viewer');
    expect((await viewer('GET', '/api/v1/identity/sso')).status).toBe(403);
    expect((await viewer('PUT', '/api/v1/identity/sso', settings)).status).toBe(403);
    expect((await viewer('POST', '/api/v1/identity/sso/domains/acme.example/verify')).status).toBe(403);
  });
});
