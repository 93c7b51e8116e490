import { describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { SCOPES } from '../auth/principal.ts';
import { ROLE_SCOPES } from '../auth/roles.ts';

// Registering third-party applications through core's API; the sign-in, consent and tokens with a
// real relying party are identity's tests (identity/src/sign-in/app-consent.test.ts).
const { caller, newTenant } = await createTestApi();
const acme = await newTenant('Acme BV');
const globex = await newTenant('Globex BV');
const admin = await caller(acme.tenantId, [...ROLE_SCOPES.admin], 'usr_acme_admin');

const reports = {
  name: 'Acme Reports',
  scopes: [SCOPES.ledgerRead],
  redirectUris: ['https://reports.example.com/callback', 'http://127.0.0.1:8400/cb'],
};

describe('third-party applications through the API', () => {
  it('registers a confidential one (the secret once) and a public one (none), lists them without secrets', async () => {
    const confidential = await admin(
      'POST',
      '/api/v1/applications',
      { ...reports, confidential: true },
      { 'idempotency-key': 'reports-1' },
    );
    expect(confidential.status).toBe(201);
    expect(confidential.body).toEqual({
      clientId: expect.stringMatching(/^app_[0-9a-f]{24}$/),
      ...reports,
      confidential: true,
      createdAt: expect.any(String),
      revokedAt: null,
      clientSecret: expect.stringMatching(/^[\w-]{43}$/),
    });
    const replay = await admin(
      'POST',
      '/api/v1/applications',
      { ...reports, confidential: true },
      { 'idempotency-key': 'reports-1' },
    );
    expect(replay.body).toMatchObject({ clientId: confidential.body.clientId, clientSecret: null });

    const open = await admin('POST', '/api/v1/applications', { ...reports, name: 'Mobile' });
    expect(open.status).toBe(201);
    expect(open.body).toMatchObject({ confidential: false, clientSecret: null });

    const listed = await admin('GET', '/api/v1/applications');
    expect(listed.body.data.map((app: { name: string }) => app.name)).toEqual(['Acme Reports', 'Mobile']);
    expect(JSON.stringify(listed.body)).not.toContain(confidential.body.clientSecret);
    expect(listed.body.data[0]).not.toHaveProperty('clientSecret');
  });

  it('refuses redirect URIs that are not https or loopback http, naming the entry; and scopes beyond the caller’s', async () => {
    for (const [uri, problem] of [
      ['http://reports.example.com/cb', 'https, or http on a loopback address'],
      ['https://reports.example.com/cb#x', 'no fragment'],
      ['reports', 'not an absolute URL'],
      ['https://user:pw@reports.example.com/cb', 'no user name or password'],
    ] as const) {
      const res = await admin('POST', '/api/v1/applications', {
        ...reports,
        redirectUris: ['https://fine.example.com/cb', uri],
      });
      expect(res.status, uri).toBe(400);
      expect(res.body).toMatchObject({ code: 'invalid_request', field: 'redirectUris[1]' });
      expect(res.body.message).toContain(problem);
    }
    const narrow = await caller(acme.tenantId, [SCOPES.identityManage, SCOPES.ledgerRead], 'usr_narrow');
    const wider = await narrow('POST', '/api/v1/applications', {
      ...reports,
      scopes: [SCOPES.ledgerRead, SCOPES.ledgerWrite],
    });
    expect(wider.status).toBe(400);
    expect(wider.body).toMatchObject({ field: 'scopes[1]' });
    const collector = await caller(acme.tenantId, [...ROLE_SCOPES.collector], 'usr_collector');
    expect((await collector('GET', '/api/v1/applications')).status).toBe(403);
  });

  it("revokes one (204, again 204); another tenant's is 404 and not listed; both audited", async () => {
    const created = await admin('POST', '/api/v1/applications', { ...reports, name: 'To revoke' });
    const clientId = created.body.clientId as string;
    const globexAdmin = await caller(globex.tenantId, [...ROLE_SCOPES.admin], 'usr_globex_admin');
    const foreign = await globexAdmin('DELETE', `/api/v1/applications/${clientId}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('application_not_found');
    expect((await globexAdmin('GET', '/api/v1/applications')).body.data).toEqual([]);

    expect((await admin('DELETE', `/api/v1/applications/${clientId}`)).status).toBe(204);
    expect((await admin('DELETE', `/api/v1/applications/${clientId}`)).status).toBe(204);
    const listed = await admin('GET', '/api/v1/applications');
    const shown = listed.body.data.find((app: { clientId: string }) => app.clientId === clientId);
    expect(shown.revokedAt).toEqual(expect.any(String));

    const log = await admin('GET', `/api/v1/audit-events?limit=100`);
    const about = log.body.data.filter((event: { subjectId: string }) => event.subjectId === clientId);
    expect(about.map((event: { type: string }) => event.type)).toEqual(['app.revoked', 'app.created']);
    expect(about[1]).toMatchObject({
      actorId: 'usr_acme_admin',
      details: { name: 'To revoke', confidential: false, redirectUris: reports.redirectUris },
    });
  });
});
