import { describe, expect, it } from 'vitest';
import { createTestApi, type Json } from '../app/test-api.ts';
import { tenantEm } from '../db/tenant-scope.ts';
import { addDays } from '../shared/iso-date.ts';
import { portalTokenKey, signPortalToken } from './portal-token.ts';
import { debtorWithInvoices } from './test-debtor.ts';

const { db, server, newTenant, caller, secretsKey } = await createTestApi();
const acme = await newTenant('Acme');
const globex = await newTenant('Globex');
// The tenant's website backend: an API client holding only portal:sessions.
const acmeBackend = await caller(acme.tenantId, ['portal:sessions'], 'cli_acme_web');
const globexBackend = await caller(globex.tenantId, ['portal:sessions'], 'cli_globex_web');
const [{ today }] = (await tenantEm(db.orm, acme.tenantId).execute<{ today: string }[]>(
  `select to_char((now() at time zone time_zone)::date, 'YYYY-MM-DD') as today from administration where id = ?`,
  [acme.administrationId],
)) as [{ today: string }];

let counter = 0;
/** A debtor speaking Dutch with invoices due `daysAgo` days before today (negative: not yet due). */
function debtorWith(api: typeof acme.api, administrationId: string, daysAgo: number[]) {
  const number = `P${++counter}`;
  const email = `${number.toLowerCase()}@example.com`;
  return debtorWithInvoices(api, administrationId, { number, today, daysAgo, language: 'nl', email });
}

async function session(backend = acmeBackend, debtorId: string, ttlSeconds?: number) {
  const res = await backend('POST', '/api/v1/portal/sessions', {
    debtorId,
    ...(ttlSeconds && { ttlSeconds }),
  });
  expect(res.status).toBe(201);
  return res.body as Json;
}

/** The widget's call: the session token, and an Origin when given. */
async function portal(token: string, method: string, url: string, payload?: object, origin?: string) {
  const res = await server.inject({
    method,
    url,
    payload,
    headers: { authorization: `Bearer ${token}`, ...(origin && { origin }) },
  });
  return { status: res.statusCode, body: (res.result ?? {}) as Json, headers: res.headers };
}

const alice = await debtorWith(acme.api, acme.administrationId, [45, 5, -10]);
const bob = await debtorWith(acme.api, acme.administrationId, [20]);
const carol = await debtorWith(globex.api, globex.administrationId, [3]);

describe('portal sessions', () => {
  it('lets a backend with portal:sessions mint one for its debtor, and nobody else', async () => {
    const minted = await session(acmeBackend, alice.debtorId);
    expect(minted).toMatchObject({
      debtorId: alice.debtorId,
      administrationId: acme.administrationId,
      revokedAt: null,
    });
    expect(minted.token.split('.')).toHaveLength(3);
    const lifetime = Date.parse(minted.expiresAt) - Date.parse(minted.createdAt);
    expect(lifetime).toBeGreaterThan(29 * 60_000);
    expect(lifetime).toBeLessThanOrEqual(30 * 60_000 + 1000);

    const reader = await caller(acme.tenantId, ['ledger:read']);
    expect((await reader('POST', '/api/v1/portal/sessions', { debtorId: alice.debtorId })).status).toBe(403);
    // Another tenant's debtor is not there for this tenant's backend.
    const foreign = await acmeBackend('POST', '/api/v1/portal/sessions', { debtorId: carol.debtorId });
    expect(foreign).toMatchObject({ status: 404, body: { code: 'debtor_not_found' } });
    const tooLong = await acmeBackend('POST', '/api/v1/portal/sessions', {
      debtorId: alice.debtorId,
      ttlSeconds: 9 * 3600,
    });
    expect(tooLong).toMatchObject({ status: 400, body: { field: 'ttlSeconds' } });
  });

  it('shows the debtor its own invoices with totals and ageing, and nothing of anyone else', async () => {
    const { token } = await session(acmeBackend, alice.debtorId);
    const me = await portal(token, 'GET', '/api/v1/portal/me');
    expect(me.body).toMatchObject({
      debtor: { id: alice.debtorId, language: 'nl' },
      creditor: { name: 'Acme', currency: 'EUR' },
    });

    const open = await portal(token, 'GET', '/api/v1/portal/invoices');
    expect(open.status).toBe(200);
    expect(open.body.data.map((i: Json) => i.id)).toEqual(alice.invoices);
    expect(open.body.data.map((i: Json) => i.daysOverdue)).toEqual([45, 5, 0]);
    expect(open.body.totals).toEqual([
      {
        currency: 'EUR',
        open: 600_00,
        overdue: 300_00,
        ageing: { notDue: 300_00, days1to30: 200_00, days31to60: 100_00, days61to90: 0, days90plus: 0 },
      },
    ]);
    expect(JSON.stringify(open.body)).not.toContain(bob.invoices[0]);
    expect(open.body.data[0]).not.toHaveProperty('collector');

    // Staff routes are not the session's, and its scope is nothing a staff route accepts.
    expect((await portal(token, 'GET', '/api/v1/debtors')).status).toBe(403);
    expect((await portal(token, 'GET', `/api/v1/invoices/${bob.invoices[0]}`)).status).toBe(403);
    // Nor are portal routes a staff token's.
    expect((await acme.api('GET', '/api/v1/portal/invoices')).status).toBe(403);
  });

  it('opens a dispute and makes a promise that staff then find through the API, for its own invoices only', async () => {
    const { token } = await session(acmeBackend, alice.debtorId);
    const types = await portal(token, 'GET', '/api/v1/portal/dispute-types');
    expect(types.body.data.length).toBeGreaterThan(0);
    const type = types.body.data[0].code as string;

    const dispute = await portal(token, 'POST', '/api/v1/portal/disputes', {
      invoiceIds: [alice.invoices[0]],
      type,
      description: 'Levering was onvolledig',
    });
    expect(dispute).toMatchObject({ status: 201, body: { invoiceIds: [alice.invoices[0]], status: 'open' } });
    const found = await acme.api('GET', `/api/v1/disputes?debtorId=${alice.debtorId}`);
    expect(found.body.data.map((d: Json) => d.id)).toContain(dispute.body.id);

    const promise = await portal(token, 'POST', '/api/v1/portal/promises', {
      invoiceIds: [alice.invoices[1]],
      promisedOn: addDays(today, 7),
    });
    expect(promise).toMatchObject({ status: 201, body: { amount: 200_00, currency: 'EUR', status: 'open' } });
    const found2 = await acme.api('GET', `/api/v1/promises/${promise.body.id}`);
    expect(found2.body).toMatchObject({ debtorId: alice.debtorId, promisedOn: addDays(today, 7) });
    // Alice sees both on her invoices.
    const shown = await portal(token, 'GET', '/api/v1/portal/invoices');
    const pausedBy = (id: string | undefined) => shown.body.data.find((i: Json) => i.id === id)?.pausedBy;
    expect(pausedBy(alice.invoices[0])).toEqual([{ kind: 'dispute', until: null }]);
    expect(pausedBy(alice.invoices[1])).toEqual([{ kind: 'promise', until: expect.any(String) }]);

    // Bob's invoice is not Alice's to dispute.
    const other = await portal(token, 'POST', '/api/v1/portal/disputes', {
      invoiceIds: [bob.invoices[0]],
      type,
      description: 'Not mine',
    });
    expect(other.status).toBeGreaterThanOrEqual(400);
    expect(other.status).toBeLessThan(500);
  });

  it('refuses a revoked, an expired or a forged session, and keeps each tenant to its own', async () => {
    const minted = await session(acmeBackend, bob.debtorId);
    expect((await portal(minted.token, 'GET', '/api/v1/portal/me')).status).toBe(200);
    const revoked = await acmeBackend('DELETE', `/api/v1/portal/sessions/${minted.id}`);
    expect(revoked.body.revokedAt).not.toBeNull();
    const after = await portal(minted.token, 'GET', '/api/v1/portal/me');
    expect(after).toMatchObject({ status: 401, body: { message: 'portal session expired' } });
    expect((await globexBackend('DELETE', `/api/v1/portal/sessions/${minted.id}`)).status).toBe(404);

    const key = portalTokenKey(secretsKey);
    const claims = {
      tenantId: acme.tenantId,
      administrationId: acme.administrationId,
      debtorId: bob.debtorId,
      sessionId: minted.id,
    };
    const expired = await signPortalToken(key, { ...claims, expiresAt: new Date(Date.now() - 1000) });
    expect((await portal(expired, 'GET', '/api/v1/portal/me')).body.message).toBe('portal session expired');
    const live = await session(acmeBackend, bob.debtorId);
    const forged = await signPortalToken(portalTokenKey(Buffer.alloc(32, 7)), {
      ...claims,
      sessionId: live.id,
      expiresAt: new Date(Date.now() + 60_000),
    });
    expect((await portal(forged, 'GET', '/api/v1/portal/me')).body.message).toBe('invalid portal session');

    // Globex's session reads Globex's debtor; a token claiming Acme's tenant for it is no session of Acme's.
    const globexSession = await session(globexBackend, carol.debtorId);
    const invoices = await portal(globexSession.token, 'GET', '/api/v1/portal/invoices');
    expect(invoices.body.data.map((i: Json) => i.id)).toEqual(carol.invoices);
    const crossed = await signPortalToken(key, {
      ...claims,
      tenantId: acme.tenantId,
      sessionId: globexSession.id,
      expiresAt: new Date(Date.now() + 60_000),
    });
    expect((await portal(crossed, 'GET', '/api/v1/portal/me')).status).toBe(401);
  });
});

describe('what a debtor asks of the creditor', () => {
  const tasks = async (debtorId: string) =>
    (await acme.api('GET', `/api/v1/tasks?debtorId=${debtorId}&limit=100`)).body.data as Json[];

  it('arranges a payment plan within the creditor’s rules, and is refused beyond them', async () => {
    const dave = await debtorWith(acme.api, acme.administrationId, [40, 35]);
    const { token } = await session(acmeBackend, dave.debtorId);
    const options = await portal(token, 'GET', '/api/v1/portal/plan-options');
    expect(options.body).toMatchObject({ currency: 'EUR', frequencies: ['monthly', 'weekly', 'biweekly'] });
    const tooMany = await portal(token, 'POST', '/api/v1/portal/payment-plans', {
      invoiceIds: dave.invoices,
      instalments: options.body.maxInstalments + 1,
      firstDueOn: addDays(today, 14),
    });
    expect(tooMany).toMatchObject({ status: 422, body: { code: 'plan_rule_violated' } });
    const plan = await portal(token, 'POST', '/api/v1/portal/payment-plans', {
      invoiceIds: dave.invoices,
      instalments: 3,
      firstDueOn: addDays(today, 14),
    });
    expect(plan.status).toBe(201);
    expect(plan.body.total).toBe(300_00);
    expect(plan.body.instalments.map((i: Json) => i.amount)).toEqual([100_00, 100_00, 100_00]);
    const staffView = await acme.api('GET', `/api/v1/payment-plans/${plan.body.id}`);
    expect(staffView.body).toMatchObject({ debtorId: dave.debtorId, status: 'active' });
  });

  it('sets a PO number, changes contact details and asks a question, each a task for the collector', async () => {
    const erin = await debtorWith(acme.api, acme.administrationId, [10]);
    const { token } = await session(acmeBackend, erin.debtorId);
    const po = await portal(token, 'POST', `/api/v1/portal/invoices/${erin.invoices[0]}/po-number`, {
      poNumber: 'PO-4711',
    });
    expect(po.status).toBe(201);
    expect((await acme.api('GET', `/api/v1/invoices/${erin.invoices[0]}`)).body.poNumber).toBe('PO-4711');
    const notMine = await portal(token, 'POST', `/api/v1/portal/invoices/${bob.invoices[0]}/po-number`, {
      poNumber: 'X',
    });
    expect(notMine.status).toBeGreaterThanOrEqual(400);
    expect((await acme.api('GET', `/api/v1/invoices/${bob.invoices[0]}`)).body.poNumber).toBeNull();

    const contact = await portal(token, 'POST', '/api/v1/portal/contact', {
      email: 'finance@erin.example',
      language: 'de',
      preferredChannel: 'email',
    });
    expect(contact.status).toBe(201);
    const debtor = await acme.api('GET', `/api/v1/debtors/${erin.debtorId}`);
    expect(debtor.body).toMatchObject({
      email: 'finance@erin.example',
      language: 'de',
      preferredChannel: 'email',
    });
    expect((await portal(token, 'POST', '/api/v1/portal/contact', { email: 'not an address' })).status).toBe(
      400,
    );

    const question = await portal(token, 'POST', '/api/v1/portal/questions', {
      message: 'Kunt u de factuur opnieuw sturen?',
      invoiceIds: [erin.invoices[0]],
    });
    expect(question.status).toBe(201);
    const list = await tasks(erin.debtorId);
    const byKind = Object.fromEntries(list.map((t) => [t.kind, t]));
    expect(byKind.portal_po_number.title).toContain('PO-4711');
    expect(byKind.portal_contact_changed.body).toContain('finance@erin.example');
    expect(byKind.portal_question).toMatchObject({ body: 'Kunt u de factuur opnieuw sturen?' });
    const number = (await acme.api('GET', `/api/v1/invoices/${erin.invoices[0]}`)).body.number;
    expect(byKind.portal_question.title).toBe(`Question from the portal about ${number}`);
  });
});

describe('portal CORS', () => {
  it('answers only the origins the session’s tenant registered, refusals included', async () => {
    const put = await acme.api('PUT', '/api/v1/portal/settings', {
      origins: ['https://shop.acme.example', 'http://localhost:8080'],
    });
    expect(put.status).toBe(200);
    expect((await acme.api('GET', '/api/v1/portal/settings')).body.origins).toHaveLength(2);
    for (const bad of [
      'https://shop.acme.example/',
      'http://shop.acme.example',
      'https://*.acme.example',
      'shop',
    ]) {
      const res = await acme.api('PUT', '/api/v1/portal/settings', { origins: [bad] });
      expect(res.status, bad).toBe(400);
    }
    await globex.api('PUT', '/api/v1/portal/settings', { origins: ['https://globex.example'] });

    const preflight = (origin: string) =>
      server.inject({
        method: 'OPTIONS',
        url: '/api/v1/portal/invoices',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
    const allowed = await preflight('https://shop.acme.example');
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://shop.acme.example');
    expect(String(allowed.headers['access-control-allow-headers'])).toContain('Authorization');
    expect((await preflight('https://evil.example')).headers['access-control-allow-origin']).toBeUndefined();

    const { token } = await session(acmeBackend, alice.debtorId);
    const read = await portal(token, 'GET', '/api/v1/portal/me', undefined, 'https://shop.acme.example');
    expect(read.status).toBe(200);
    expect(read.headers['access-control-allow-origin']).toBe('https://shop.acme.example');
    // Globex's site may not use Acme's session.
    const borrowed = await portal(token, 'GET', '/api/v1/portal/me', undefined, 'https://globex.example');
    expect(borrowed).toMatchObject({ status: 403, body: { code: 'portal_origin_not_allowed' } });
    // The widget can read its session ending.
    const ended = await portal(
      'not-a-token',
      'GET',
      '/api/v1/portal/me',
      undefined,
      'https://shop.acme.example',
    );
    expect(ended.status).toBe(401);
    expect(ended.headers['access-control-allow-origin']).toBe('https://shop.acme.example');
    const unknown = await portal(token, 'GET', '/api/v1/portal/me', undefined, 'https://evil.example');
    expect(unknown.headers['access-control-allow-origin']).toBeUndefined();
  });
});
