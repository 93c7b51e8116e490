import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { startIdentityServer } from '@kredo/identity';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { identityTokenVerifier } from '../auth/identity-token.ts';
import { ALL_SCOPES, SCOPES, type TokenVerifier } from '../auth/principal.ts';
import { ROLE_SCOPES } from '../auth/roles.ts';

// The whole round: a tenant admin creates a client through core's API, the real identity server
// (on the test's database) gives that client a token, and core's API accepts the token.
const AUDIENCE = 'http://127.0.0.1:3000/api/v1';
const logLines: string[] = [];
const logger = pino(
  { level: 'debug' },
  new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  }),
);
// The verifier needs the identity server's URL, the server the test database: made in turn.
let identityVerifier: TokenVerifier | undefined;
const { db, server, caller, newTenant } = await createTestApi({
  logger,
  identity: { verify: (token) => (identityVerifier as TokenVerifier).verify(token) },
});
const identity = await startIdentityServer({
  databaseUrl: db.url,
  port: 0,
  masterKey: randomBytes(32),
  apiResource: AUDIENCE,
  apiScopes: ALL_SCOPES,
  keyRefreshSeconds: 0,
});
afterAll(() => identity.close());
identityVerifier = identityTokenVerifier({ issuer: identity.issuer, audience: AUDIENCE });

const acme = await newTenant('Acme BV');
const globex = await newTenant('Globex BV');
const acmeAdmin = await caller(acme.tenantId, [...ROLE_SCOPES.admin], 'usr_acme_admin');

async function tokenFor(client: { clientId: string; clientSecret: string }, scope: string) {
  const response = await fetch(`${identity.url}/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

async function callWith(token: string, method: string, url: string, payload?: object) {
  const res = await server.inject({ method, url, payload, headers: { authorization: `Bearer ${token}` } });
  return { status: res.statusCode, body: res.result as Record<string, unknown> };
}

describe('API clients through the API', () => {
  const createErp = () =>
    acmeAdmin(
      'POST',
      '/api/v1/api-clients',
      { name: 'Acme ERP', scopes: [SCOPES.ledgerRead, SCOPES.ledgerWrite] },
      { 'idempotency-key': 'erp-1' },
    );

  it("creates a client whose secret gets a token at the identity server's token endpoint, and that token calls the API", async () => {
    const created = await createErp();
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      clientId: expect.stringMatching(/^cli_[0-9a-f]{24}$/),
      name: 'Acme ERP',
      scopes: [SCOPES.ledgerRead, SCOPES.ledgerWrite],
      createdAt: expect.any(String),
      revokedAt: null,
      clientSecret: expect.any(String),
    });
    const client = created.body as { clientId: string; clientSecret: string };

    const token = await tokenFor(client, 'ledger:read ledger:write');
    expect(token.status).toBe(200);
    const debtor = await callWith(token.body.access_token as string, 'POST', '/api/v1/debtors', {
      administrationId: acme.administrationId,
      number: 'ERP-1',
      name: 'Made by the ERP',
    });
    expect(debtor.status).toBe(201);
    const read = await acme.api('GET', `/api/v1/debtors/${debtor.body.id}`);
    expect(read.body.name).toBe('Made by the ERP');
    // It has no scope it was not given: no plugins, no clients of its own.
    expect((await callWith(token.body.access_token as string, 'GET', '/api/v1/api-clients')).status).toBe(
      403,
    );

    // A retry with the key answers the same client, without the secret: it is shown once.
    const again = await createErp();
    expect(again.status).toBe(201);
    expect(again.body.clientId).toBe(client.clientId);
    expect(again.body).not.toHaveProperty('clientSecret');

    // Neither the listing, the stored answer of the key, nor the log holds it.
    const listed = await acmeAdmin('GET', '/api/v1/api-clients');
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((c: { clientId: string }) => c.clientId)).toContain(client.clientId);
    expect(JSON.stringify(listed.body)).not.toContain(client.clientSecret);
    const stored = await db.orm.em
      .fork()
      .execute<{ body: string }[]>('select body::text from idempotency_key where key = ?', ['erp-1']);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.body).not.toContain(client.clientSecret);
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('')).not.toContain(client.clientSecret);
  });

  it('revokes a client: the token endpoint refuses it from then on; revoking again is still 204', async () => {
    const created = await acmeAdmin('POST', '/api/v1/api-clients', {
      name: 'Old ERP',
      scopes: ['ledger:read'],
    });
    const client = created.body as { clientId: string; clientSecret: string };
    expect((await tokenFor(client, 'ledger:read')).status).toBe(200);

    expect((await acmeAdmin('DELETE', `/api/v1/api-clients/${client.clientId}`)).status).toBe(204);
    const refused = await tokenFor(client, 'ledger:read');
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe('invalid_client');
    expect((await acmeAdmin('DELETE', `/api/v1/api-clients/${client.clientId}`)).status).toBe(204);

    const listed = await acmeAdmin('GET', '/api/v1/api-clients');
    const shown = listed.body.data.find((c: { clientId: string }) => c.clientId === client.clientId);
    expect(shown.revokedAt).toEqual(expect.any(String));
  });

  it("refuses scopes beyond the caller's own, naming the first one", async () => {
    const collector = await caller(acme.tenantId, [...ROLE_SCOPES.collector], 'usr_collector');
    const denied = await collector('POST', '/api/v1/api-clients', { name: 'x', scopes: ['ledger:read'] });
    expect(denied.status).toBe(403);

    const narrow = await caller(acme.tenantId, [SCOPES.identityManage, SCOPES.ledgerRead], 'usr_narrow');
    const escalating = await narrow('POST', '/api/v1/api-clients', {
      name: 'Wider than me',
      scopes: [SCOPES.ledgerRead, SCOPES.pluginsManage],
    });
    expect(escalating.status).toBe(400);
    expect(escalating.body).toMatchObject({ code: 'invalid_request', field: 'scopes[1]' });
    const unknown = await narrow('POST', '/api/v1/api-clients', { name: 'x', scopes: ['root'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toContain('scopes[0]');
    const names = (await acmeAdmin('GET', '/api/v1/api-clients')).body.data.map(
      (c: { name: string }) => c.name,
    );
    expect(names).not.toContain('Wider than me');
  });

  it("keeps tenants apart: another tenant's client is 404 and not listed", async () => {
    const created = await acmeAdmin('POST', '/api/v1/api-clients', {
      name: 'Acme only',
      scopes: ['ledger:read'],
    });
    const globexAdmin = await caller(globex.tenantId, [...ROLE_SCOPES.admin], 'usr_globex_admin');
    const res = await globexAdmin('DELETE', `/api/v1/api-clients/${created.body.clientId}`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('api_client_not_found');
    expect((await globexAdmin('GET', '/api/v1/api-clients')).body.data).toEqual([]);
    // Still Acme's and still working.
    expect(
      (await tokenFor(created.body as { clientId: string; clientSecret: string }, 'ledger:read')).status,
    ).toBe(200);
  });

  it('pages the list with cursors', async () => {
    const tenant = await newTenant('Pages BV');
    const admin = await caller(tenant.tenantId, [...ROLE_SCOPES.admin], 'usr_pages');
    for (const name of ['A', 'B', 'C'])
      await admin('POST', '/api/v1/api-clients', { name, scopes: ['ledger:read'] });
    const first = await admin('GET', '/api/v1/api-clients?limit=2');
    expect(first.body.data.map((c: { name: string }) => c.name)).toEqual(['A', 'B']);
    const rest = await admin('GET', `/api/v1/api-clients?limit=2&cursor=${first.body.nextCursor}`);
    expect(rest.body).toMatchObject({ data: [{ name: 'C' }], nextCursor: null });
  });
});
