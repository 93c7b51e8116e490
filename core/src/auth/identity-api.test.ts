import { afterAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { identityTokenVerifier } from './identity-token.ts';
import { startTestIssuer } from './test-issuer.ts';

// The identity server's tokens through the whole API: the verifier swapped in as `kredo start` has it.
const AUDIENCE = 'http://127.0.0.1:3000/api/v1';
const issuer = await startTestIssuer({ audience: AUDIENCE });
afterAll(() => issuer.stop());
const { server, newTenant } = await createTestApi({
  identity: identityTokenVerifier({ issuer: issuer.issuer, audience: AUDIENCE }),
});
const a = await newTenant('Tenant A BV');
const b = await newTenant('Tenant B BV');
const created = await b.api('POST', '/api/v1/debtors', {
  administrationId: b.administrationId,
  number: 'B-1',
  name: 'Debtor of B',
});
const debtorOfB = created.body.id as string;

async function get(url: string, token: string) {
  const res = await server.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  return { status: res.statusCode, body: res.result as Record<string, unknown> };
}

const viewerOf = (tenant: string) => issuer.sign({ tenant, roles: ['viewer'], scope: 'openid ledger:read' });

describe('identity tokens through the API', () => {
  it("lets a token read its own tenant's debtor", async () => {
    expect(created.status).toBe(201);
    const res = await get(`/api/v1/debtors/${debtorOfB}`, await viewerOf(b.tenantId));
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('Debtor of B');
  });

  it("answers 404 to tenant A's token for tenant B's debtor, and leaves it out of A's list", async () => {
    const token = await viewerOf(a.tenantId);
    const res = await get(`/api/v1/debtors/${debtorOfB}`, token);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('debtor_not_found');
    const list = await get('/api/v1/debtors', token);
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual([]);
  });

  it('answers 403 when the role does not allow the scope the token was granted, 401 for a bad token', async () => {
    const viewer = await issuer.sign({
      tenant: b.tenantId,
      roles: ['viewer'],
      scope: 'ledger:read ledger:write',
    });
    const res = await server.inject({
      method: 'POST',
      url: '/api/v1/debtors',
      headers: { authorization: `Bearer ${viewer}` },
      payload: { administrationId: b.administrationId, number: 'B-2', name: 'Not allowed' },
    });
    expect(res.statusCode).toBe(403);
    const expired = await issuer.sign({ tenant: b.tenantId, scope: 'ledger:read', exp: 1 });
    const refused = await get(`/api/v1/debtors/${debtorOfB}`, expired);
    expect(refused.status).toBe(401);
    expect(refused.body.message).toBe('invalid token');
  });
});
