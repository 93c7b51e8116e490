import { describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';

const { server, caller, newTenant } = await createTestApi();
const acme = await newTenant('Acme');

async function debtor(number: string, extra: object = {}) {
  const res = await acme.api('POST', '/api/v1/debtors', {
    administrationId: acme.administrationId,
    number,
    name: `Debtor ${number}`,
    ...extra,
  });
  expect(res.status).toBe(201);
  return res.body;
}

describe('health and OpenAPI', () => {
  it('answers health with the database reachable', async () => {
    const res = await server.inject('/health');
    expect(res.statusCode).toBe(200);
    expect(res.result).toEqual({ status: 'ok', database: 'ok' });
  });

  it('describes every API route with its parameters', async () => {
    const res = await server.inject('/api/v1/openapi.json');
    const doc = res.result as {
      openapi: string;
      paths: Record<string, Record<string, { parameters?: { name: string }[] }>>;
    };
    expect(doc.openapi).toBe('3.0.3');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/debtors',
        '/api/v1/debtors/{id}',
        '/api/v1/invoices',
        '/api/v1/payments',
        '/api/v1/imports',
      ]),
    );
    expect(doc.paths['/api/v1/invoices']?.get?.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        'status',
        'overdue',
        'debtorId',
        'dueBefore',
        'dueAfter',
        'q',
        'cursor',
        'limit',
      ]),
    );
  });
});

describe('authentication and scopes', () => {
  it('refuses a request without a token or with a forged one', async () => {
    expect((await server.inject('/api/v1/debtors')).statusCode).toBe(401);
    const forged = await server.inject({
      url: '/api/v1/debtors',
      headers: { authorization: 'Bearer abc.def.ghi' },
    });
    expect(forged.statusCode).toBe(401);
  });

  it('refuses a write to a token with read scope only', async () => {
    const reader = await caller(acme.tenantId, ['ledger:read']);
    expect((await reader('GET', '/api/v1/debtors')).status).toBe(200);
    const res = await reader('POST', '/api/v1/debtors', {
      administrationId: acme.administrationId,
      number: 'X',
      name: 'X',
    });
    expect(res.status).toBe(403);
  });
});

describe('debtors', () => {
  it('creates, reads, changes and groups debtors', async () => {
    const parent = await debtor('G100', { tags: ['key-account'] });
    const child = await debtor('G101', { parentId: parent.id, email: 'ap@example.nl', language: 'nl' });
    expect(child).toMatchObject({ number: 'G101', parentId: parent.id, type: 'b2b', email: 'ap@example.nl' });

    const changed = await acme.api('PATCH', `/api/v1/debtors/${child.id}`, {
      name: 'Renamed B.V.',
      preferredChannel: 'letter',
    });
    expect(changed.body).toMatchObject({ name: 'Renamed B.V.', preferredChannel: 'letter' });

    const cycle = await acme.api('PATCH', `/api/v1/debtors/${parent.id}`, { parentId: child.id });
    expect(cycle.status).toBe(400);
    expect(cycle.body.message).toMatch(/parentId/);

    const children = await acme.api('GET', `/api/v1/debtors?parentId=${parent.id}`);
    expect(children.body.data.map((d: { id: string }) => d.id)).toEqual([child.id]);
  });

  it('names the field that is wrong and writes nothing', async () => {
    const res = await acme.api('POST', '/api/v1/debtors', {
      administrationId: acme.administrationId,
      number: 'E1',
      name: 'E',
      email: 'not-an-email',
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'invalid_request', field: 'email' });
    expect(res.body.message).toMatch(/email/);
    const list = await acme.api('GET', '/api/v1/debtors?q=E1');
    expect(list.body.data).toEqual([]);
  });

  it('refuses a second debtor with the same number', async () => {
    await debtor('DUP1');
    const res = await acme.api('POST', '/api/v1/debtors', {
      administrationId: acme.administrationId,
      number: 'DUP1',
      name: 'Again',
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('debtor_exists');
  });

  it('honours Idempotency-Key on create', async () => {
    const payload = { administrationId: acme.administrationId, number: 'IDEM1', name: 'Once' };
    const headers = { 'idempotency-key': 'create-idem-1' };
    const first = await acme.api('POST', '/api/v1/debtors', payload, headers);
    const again = await acme.api('POST', '/api/v1/debtors', payload, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    const other = await acme.api('POST', '/api/v1/debtors', { ...payload, number: 'IDEM2' }, headers);
    expect(other.status).toBe(422);
  });

  it('pages through a list with cursors and searches name and number', async () => {
    for (let i = 0; i < 7; i++) await debtor(`P${i}`, { name: `Pagina ${i} Holding` });
    const seen: string[] = [];
    let url = '/api/v1/debtors?q=Pagina&limit=3';
    for (let page = 0; page < 5; page++) {
      const res = await acme.api('GET', url);
      seen.push(...res.body.data.map((d: { number: string }) => d.number));
      if (!res.body.nextCursor) break;
      url = `/api/v1/debtors?q=Pagina&limit=3&cursor=${res.body.nextCursor}`;
    }
    expect(seen).toEqual(['P0', 'P1', 'P2', 'P3', 'P4', 'P5', 'P6']);
    expect((await acme.api('GET', '/api/v1/debtors?q=P3')).body.data).toHaveLength(1);
    const garbage = await acme.api('GET', '/api/v1/debtors?cursor=garbage');
    expect(garbage.status).toBe(400);
    expect(garbage.body.field).toBe('cursor');
  });
});

describe('read paths', () => {
  it('read back exactly what the write paths stored: card, lists and open invoices', async () => {
    const stored = await debtor('RB1', {
      type: 'b2c',
      tags: ['vip', 'nl'],
      addresses: [{ line1: 'Kerkstraat 1', postalCode: '3511 AB', city: 'Utrecht', country: 'NL' }],
      contacts: [{ name: 'Jan', email: 'jan@example.nl', language: 'nl' }],
      email: 'ap@example.nl',
    });
    const invoice = async (number: string, dueDate: string, extra: object = {}) => {
      const res = await acme.api('POST', '/api/v1/invoices', {
        administrationId: acme.administrationId,
        debtorId: stored.id,
        number,
        issueDate: '2026-01-01',
        dueDate,
        amount: 9_007_199_254,
        ...extra,
      });
      expect(res.status).toBe(201);
      return res.body;
    };
    const later = await invoice('RB-2', '2026-03-01', { poNumber: 'PO-7', description: 'Lamps' });
    const sooner = await invoice('RB-1', '2026-02-01', { openAmount: 100 });
    await invoice('RB-3', '2026-01-15', { openAmount: 0 });

    const { balance, openInvoices, ...card } = (await acme.api('GET', `/api/v1/debtors/${stored.id}`)).body;
    expect(card).toEqual(stored);
    expect(openInvoices).toEqual([sooner, later]);
    expect(balance).toEqual({ EUR: 100 + 9_007_199_254 });
    expect((await acme.api('GET', '/api/v1/debtors?q=RB1&tag=vip')).body.data).toEqual([stored]);
    const listed = await acme.api('GET', `/api/v1/invoices?debtorId=${stored.id}&status=open`);
    expect(listed.body.data).toEqual([later, sooner]);
  });
});

describe('invoices', () => {
  it('derives the due date from the payment term and stores credit notes negative', async () => {
    const d = await debtor('INV-D1');
    const base = { administrationId: acme.administrationId, debtorId: d.id };
    const invoice = await acme.api('POST', '/api/v1/invoices', {
      ...base,
      number: '2026-1',
      issueDate: '2026-03-01',
      amount: 12100,
    });
    expect(invoice.body).toMatchObject({
      dueDate: '2026-03-31',
      amount: 12100,
      openAmount: 12100,
      currency: 'EUR',
      status: 'open',
    });
    const credit = await acme.api('POST', '/api/v1/invoices', {
      ...base,
      number: 'C-1',
      documentType: 'credit_note',
      issueDate: '2026-03-02',
      dueDate: '2026-03-02',
      amount: 2500,
    });
    expect(credit.body).toMatchObject({ amount: -2500, openAmount: -2500 });

    const card = await acme.api('GET', `/api/v1/debtors/${d.id}`);
    expect(card.body.openInvoices.map((i: { number: string }) => i.number)).toEqual(['C-1', '2026-1']);
    expect(card.body.balance).toEqual({ EUR: 9600 });
  });

  it('rejects a due date before the issue date and an open amount above the amount', async () => {
    const d = await debtor('INV-D2');
    const base = {
      administrationId: acme.administrationId,
      debtorId: d.id,
      number: 'BAD-1',
      issueDate: '2026-03-10',
      amount: 100,
    };
    const early = await acme.api('POST', '/api/v1/invoices', { ...base, dueDate: '2026-03-01' });
    expect(early.status).toBe(400);
    expect(early.body.message).toMatch(/dueDate/);
    const over = await acme.api('POST', '/api/v1/invoices', { ...base, openAmount: 101 });
    expect(over.status).toBe(400);
    expect(over.body.message).toMatch(/openAmount/);
    const badDate = await acme.api('POST', '/api/v1/invoices', { ...base, issueDate: '2026-02-30' });
    expect(badDate.status).toBe(400);
    expect(badDate.body.field).toBe('issueDate');
  });

  it('keeps status and open amount consistent', async () => {
    const d = await debtor('INV-D3');
    const created = await acme.api('POST', '/api/v1/invoices', {
      administrationId: acme.administrationId,
      debtorId: d.id,
      number: 'ST-1',
      issueDate: '2026-03-01',
      amount: 100,
    });
    const url = `/api/v1/invoices/${created.body.id}`;
    expect((await acme.api('PATCH', url, { status: 'paid' })).status).toBe(400);
    expect((await acme.api('PATCH', url, { openAmount: 0 })).body).toMatchObject({
      status: 'paid',
      openAmount: 0,
    });
    const reopen = await acme.api('PATCH', url, { status: 'open' });
    expect(reopen.status).toBe(400);
    expect(reopen.body.field).toBe('status');
    expect((await acme.api('PATCH', url, { status: 'written_off', openAmount: 100 })).body).toMatchObject({
      status: 'written_off',
    });
  });

  it('filters by status, overdue, debtor, due date and text', async () => {
    const d = await debtor('FLT-D', { name: 'Filterbedrijf' });
    const base = { administrationId: acme.administrationId, debtorId: d.id };
    await acme.api('POST', '/api/v1/invoices', {
      ...base,
      number: 'FLT-OLD',
      issueDate: '2020-01-01',
      dueDate: '2020-01-31',
      amount: 500,
    });
    await acme.api('POST', '/api/v1/invoices', {
      ...base,
      number: 'FLT-NEW',
      issueDate: '2026-01-01',
      dueDate: '2099-01-01',
      amount: 700,
    });
    await acme.api('POST', '/api/v1/invoices', {
      ...base,
      number: 'FLT-PAID',
      issueDate: '2020-01-01',
      dueDate: '2020-01-31',
      amount: 900,
      openAmount: 0,
    });
    const numbers = async (query: string) =>
      (await acme.api('GET', `/api/v1/invoices?debtorId=${d.id}&${query}`)).body.data.map(
        (i: { number: string }) => i.number,
      );
    expect(await numbers('overdue=true')).toEqual(['FLT-OLD']);
    expect(await numbers('overdue=false')).toEqual(['FLT-NEW', 'FLT-PAID']);
    expect(await numbers('status=paid')).toEqual(['FLT-PAID']);
    expect(await numbers('dueBefore=2021-01-01')).toEqual(['FLT-OLD', 'FLT-PAID']);
    expect(await numbers('dueAfter=2030-01-01')).toEqual(['FLT-NEW']);
    expect(await numbers('q=Filterbedr')).toHaveLength(3);
    expect(await numbers('q=FLT-N')).toEqual(['FLT-NEW']);
  });
});

describe('tenant isolation through the API', () => {
  it('hides one tenant’s records from another and refuses cross-tenant references', async () => {
    const mine = await debtor('ISO-1');
    const other = await newTenant('Other');
    expect((await other.api('GET', `/api/v1/debtors/${mine.id}`)).status).toBe(404);
    expect((await other.api('GET', '/api/v1/debtors')).body.data).toEqual([]);
    const patch = await other.api('PATCH', `/api/v1/debtors/${mine.id}`, { name: 'Hijacked' });
    expect(patch.status).toBe(404);
    const invoice = await other.api('POST', '/api/v1/invoices', {
      administrationId: other.administrationId,
      debtorId: mine.id,
      number: 'X',
      issueDate: '2026-01-01',
      amount: 1,
    });
    expect(invoice.status).toBe(404);
    expect((await acme.api('GET', `/api/v1/debtors/${mine.id}`)).body.name).toBe('Debtor ISO-1');
  });
});
