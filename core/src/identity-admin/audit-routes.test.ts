import { describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { SCOPES } from '../auth/principal.ts';
import { ROLE_SCOPES } from '../auth/roles.ts';

const { caller, newTenant, identityDb } = await createTestApi();
const acme = await newTenant('Acme BV');
const globex = await newTenant('Globex BV');
const admin = await caller(acme.tenantId, [...ROLE_SCOPES.admin], 'usr_acme_admin');

describe("the tenant's audit log through the API", () => {
  it("records who created and who revoked a client, from where, readable by the tenant's admins alone", async () => {
    const created = await admin('POST', '/api/v1/api-clients', { name: 'ERP', scopes: ['ledger:read'] });
    const clientId = created.body.clientId as string;
    const other = await caller(acme.tenantId, [...ROLE_SCOPES.admin], 'usr_second_admin');
    expect((await other('DELETE', `/api/v1/api-clients/${clientId}`)).status).toBe(204);

    const log = await admin('GET', '/api/v1/audit-events');
    expect(log.status).toBe(200);
    expect(log.body).toEqual({
      data: [
        {
          id: expect.any(String),
          at: expect.any(String),
          type: 'api_client.revoked',
          actorId: 'usr_second_admin',
          subjectId: clientId,
          ip: '127.0.0.1',
          details: { name: 'ERP' },
        },
        {
          id: expect.any(String),
          at: expect.any(String),
          type: 'api_client.created',
          actorId: 'usr_acme_admin',
          subjectId: clientId,
          ip: '127.0.0.1',
          details: { name: 'ERP', scopes: ['ledger:read'] },
        },
      ],
      nextCursor: null,
    });

    const creditManager = await caller(acme.tenantId, [...ROLE_SCOPES.credit_manager], 'usr_cm');
    expect((await creditManager('GET', '/api/v1/audit-events')).status).toBe(403);
    const globexAdmin = await caller(globex.tenantId, [...ROLE_SCOPES.admin], 'usr_globex');
    expect((await globexAdmin('GET', '/api/v1/audit-events')).body).toEqual({ data: [], nextCursor: null });
  });

  it('filters by type and pages with cursors, newest first', async () => {
    const tenant = await newTenant('Pages BV');
    const own = await caller(tenant.tenantId, [SCOPES.identityManage, SCOPES.ledgerRead], 'usr_pages');
    for (const name of ['A', 'B', 'C'])
      await own('POST', '/api/v1/api-clients', { name, scopes: [SCOPES.ledgerRead] });
    const first = (await own('GET', '/api/v1/api-clients')).body.data[0].clientId;
    await own('DELETE', `/api/v1/api-clients/${first}`);

    const created = await own('GET', '/api/v1/audit-events?type=api_client.created&limit=2');
    expect(created.body.data.map((e: { details: { name: string } }) => e.details.name)).toEqual(['C', 'B']);
    const rest = await own(
      'GET',
      `/api/v1/audit-events?type=api_client.created&limit=2&cursor=${created.body.nextCursor}`,
    );
    expect(rest.body.data.map((e: { details: { name: string } }) => e.details.name)).toEqual(['A']);
    expect(rest.body.nextCursor).toBeNull();
    const revoked = await own('GET', '/api/v1/audit-events?type=api_client.revoked');
    expect(revoked.body.data.map((e: { subjectId: string }) => e.subjectId)).toEqual([first]);

    const forged = Buffer.from(JSON.stringify({ after: 'x' })).toString('base64url');
    const bad = await own('GET', `/api/v1/audit-events?cursor=${forged}`);
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('cursor');
    expect((await own('GET', '/api/v1/audit-events?type=DROP TABLE')).status).toBe(400);
  });

  it('is append-only: an UPDATE or DELETE on the connection identity runs on fails, and the events stay', async () => {
    await expect(
      identityDb.query("update identity.audit_event set actor_id = 'usr_mallory'"),
    ).rejects.toThrow('identity.audit_event is append-only: UPDATE refused');
    await expect(identityDb.query('delete from identity.audit_event')).rejects.toThrow(
      'identity.audit_event is append-only: DELETE refused',
    );
    const log = await admin('GET', '/api/v1/audit-events');
    expect(log.body.data.map((e: { actorId: string }) => e.actorId)).toEqual([
      'usr_second_admin',
      'usr_acme_admin',
    ]);
  });
});
