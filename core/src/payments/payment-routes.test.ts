import pg from 'pg';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { routesGiven } from '../app/compose-modules.ts';
import { modules } from '../app/modules.ts';
import { createTestIssuer } from '../auth/test-issuer.ts';
import { withTenantClient } from '../db/tenant-scope.ts';
import { createTestDatabase } from '../db/test-database.ts';
import { createServer } from '../http/server.ts';
import { newId } from '../shared/ids.ts';

const db = await createTestDatabase();
const issuer = await createTestIssuer();
const verifier = issuer.verifier();
// Identity's functions on their own small pool, as `kredo start` gives them (the debtors module needs it).
const identityDb = new pg.Pool({ connectionString: db.url, max: 1 });
const server = await createServer({
  orm: db.orm,
  logger: pino({ level: 'silent' }),
  verifier,
  checkAnswers: true,
  routes: routesGiven(modules, { orm: db.orm, identityDb }),
});
await server.initialize();
afterAll(async () => {
  await server.stop();
  await identityDb.end();
});

// biome-ignore lint/suspicious/noExplicitAny: response bodies are untyped JSON that the assertions inspect
type Json = Record<string, any>;
/** The body as a client receives it (dates as strings), for comparing a stored replay with the original. */
const wire = (body: Json) => JSON.parse(JSON.stringify(body));

async function caller(tenantId: string, scopes: string[]) {
  const token = await issuer.accessToken({ subject: 'usr_test', tenantId, scopes });
  return async (method: string, url: string, payload?: object, headers: Record<string, string> = {}) => {
    const authorization = `Bearer ${token}`;
    const res = await server.inject({ method, url, payload, headers: { authorization, ...headers } });
    return { status: res.statusCode, body: res.result as Json };
  };
}

/** A tenant with an EUR administration and one debtor, seeded through the API like an ERP would. */
async function seedTenant(name: string) {
  const tenantId = newId('tenant');
  await withTenantClient(db.orm, tenantId, (c) =>
    c.query('insert into tenant (id, name) values ($1, $2)', [tenantId, name]),
  );
  const api = await caller(tenantId, ['ledger:read', 'ledger:write']);
  const administration = await api('POST', '/api/v1/administrations', { code: 'main', name, country: 'NL' });
  const administrationId = administration.body.id as string;
  const debtor = await api('POST', '/api/v1/debtors', { administrationId, number: 'D1', name });
  const debtorId = debtor.body.id as string;
  const base = { administrationId, debtorId };
  let counter = 0;
  const document = async (amount: number, extra: object = {}) => {
    const fields = { number: `F${++counter}`, issueDate: '2026-01-05', amount, ...extra };
    const res = await api('POST', '/api/v1/invoices', { ...base, ...fields });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const invoice = async (id: string) => (await api('GET', `/api/v1/invoices/${id}`)).body;
  const paymentCount = async () =>
    (await api('GET', '/api/v1/payments?limit=500')).body.data.length as number;
  const pay = (amount: number, allocations: { invoiceId: string; amount: number }[], extra: object = {}) =>
    api('POST', '/api/v1/payments', { ...base, amount, valueDate: '2026-02-01', allocations, ...extra });
  return { tenantId, api, administrationId, debtorId, document, invoice, paymentCount, pay };
}

const LOCK_WAITERS_SQL = `select count(*)::int as n from pg_stat_activity
  where datname = current_database() and wait_event_type = 'Lock'`;

/** Waits until `count` sessions of this database are blocked on a row lock. */
async function lockWaiters(count: number) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const [row] = await db.orm.em.fork().execute<{ n: number }[]>(LOCK_WAITERS_SQL);
    if ((row?.n ?? 0) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`fewer than ${count} sessions came to wait on the lock`);
}

const a = await seedTenant('Acme');

describe('POST /api/v1/payments', () => {
  it('settles an invoice in full: open amount 0, status paid', async () => {
    const invoiceId = await a.document(12100);
    const res = await a.pay(12100, [{ invoiceId, amount: 12100 }], { externalId: 'BANK-1' });
    expect(res.status).toBe(201);
    const expected = { amount: 12100, currency: 'EUR', allocatedAmount: 12100, externalId: 'BANK-1' };
    expect(res.body).toMatchObject(expected);
    expect(res.body.allocations).toMatchObject([{ invoiceId, amount: 12100 }]);
    expect(await a.invoice(invoiceId)).toMatchObject({ openAmount: 0, status: 'paid' });

    const fetched = await a.api('GET', `/api/v1/payments/${res.body.id}`);
    expect(wire(fetched.body)).toEqual(wire(res.body));
  });

  it('settles part of an invoice and leaves it open', async () => {
    const invoiceId = await a.document(10000);
    const res = await a.pay(5000, [{ invoiceId, amount: 4000 }]);
    expect(res.status).toBe(201);
    expect(res.body.allocatedAmount).toBe(4000);
    expect(await a.invoice(invoiceId)).toMatchObject({ openAmount: 6000, status: 'open' });
  });

  it('refuses over-allocation and writes nothing', async () => {
    const first = await a.document(3000);
    const second = await a.document(5000);
    const before = await a.paymentCount();

    const tooMuch = await a.pay(10000, [
      { invoiceId: first, amount: 3000 },
      { invoiceId: second, amount: 6000 },
    ]);
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.details).toEqual({ field: 'allocations[1].amount' });
    const overPayment = await a.pay(7000, [
      { invoiceId: first, amount: 3000 },
      { invoiceId: second, amount: 5000 },
    ]);
    expect(overPayment.status).toBe(400);
    expect(overPayment.body.message).toMatch(/^allocations: total 8000 exceeds the payment amount 7000/);

    expect(await a.invoice(first)).toMatchObject({ openAmount: 3000, status: 'open' });
    expect(await a.invoice(second)).toMatchObject({ openAmount: 5000, status: 'open' });
    expect(await a.paymentCount()).toBe(before);
  });

  it('refuses an invoice in another currency, and a document that is no longer open', async () => {
    const dollars = await a.document(5000, { currency: 'USD' });
    const res = await a.pay(5000, [{ invoiceId: dollars, amount: 5000 }]);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(
      /^allocations\[0\]\.invoiceId: invoice F\d+ is in USD, the payment in EUR$/,
    );
    expect((await a.pay(5000, [{ invoiceId: dollars, amount: 5000 }], { currency: 'USD' })).status).toBe(201);

    const again = await a.pay(5000, [{ invoiceId: dollars, amount: 1 }], { currency: 'USD' });
    expect(again.status).toBe(400);
    expect(again.body.message).toMatch(/is paid, not open$/);
  });

  it('offsets a credit note against an invoice in the same payment', async () => {
    const invoiceId = await a.document(10000);
    const creditNoteId = await a.document(3000, { documentType: 'credit_note' });

    const wrongSign = await a.pay(13000, [
      { invoiceId, amount: 10000 },
      { invoiceId: creditNoteId, amount: 3000 },
    ]);
    expect(wrongSign.status).toBe(400);
    expect(wrongSign.body.details).toEqual({ field: 'allocations[1].amount' });
    const negativeTotal = await a.pay(100, [{ invoiceId: creditNoteId, amount: -3000 }]);
    expect(negativeTotal.status).toBe(400);
    expect(negativeTotal.body.details).toEqual({ field: 'allocations' });

    const res = await a.pay(7000, [
      { invoiceId, amount: 10000 },
      { invoiceId: creditNoteId, amount: -3000 },
    ]);
    expect(res.status).toBe(201);
    expect(res.body.allocatedAmount).toBe(7000);
    expect(await a.invoice(invoiceId)).toMatchObject({ openAmount: 0, status: 'paid' });
    expect(await a.invoice(creditNoteId)).toMatchObject({ openAmount: 0, status: 'paid' });
  });

  it('lets only one of two concurrent payments take the same open amount', async () => {
    const invoiceId = await a.document(5000);
    // Hold the invoice row elsewhere until both requests wait on it, so they truly overlap.
    const pending = await withTenantClient(db.orm, a.tenantId, async (client) => {
      await client.query('select id from invoice where id = $1 for update', [invoiceId]);
      const requests = [1, 2].map(() => a.pay(5000, [{ invoiceId, amount: 5000 }]));
      await lockWaiters(2);
      return requests;
    });
    const results = await Promise.all(pending);
    expect(results.map((r) => r.status).sort()).toEqual([201, 400]);
    expect(await a.invoice(invoiceId)).toMatchObject({ openAmount: 0, status: 'paid' });
  });

  it('answers bad input with a 400 naming the field, a reused externalId with 409', async () => {
    const zero = await a.pay(0, []);
    expect(zero.status).toBe(400);
    expect(zero.body.field).toBe('amount');
    const badDate = await a.pay(100, [], { valueDate: '2026-02-30' });
    expect(badDate.body.field).toBe('valueDate');

    expect((await a.pay(100, [], { externalId: 'BANK-DUP' })).status).toBe(201);
    const duplicate = await a.pay(100, [], { externalId: 'BANK-DUP' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.code).toBe('payment_exists');
  });

  it('creates once per Idempotency-Key and refuses the key for another request', async () => {
    const invoiceId = await a.document(8000);
    const before = await a.paymentCount();
    const key = { 'idempotency-key': `pay-${newId('payment')}` };
    const allocations = [{ invoiceId, amount: 2000 }];
    const body = { administrationId: a.administrationId, amount: 2000, valueDate: '2026-02-02', allocations };

    const first = await a.api('POST', '/api/v1/payments', body, key);
    const retry = await a.api('POST', '/api/v1/payments', body, key);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(wire(retry.body)).toEqual(wire(first.body));
    expect(await a.paymentCount()).toBe(before + 1);
    expect((await a.invoice(invoiceId)).openAmount).toBe(6000);

    const other = await a.api('POST', '/api/v1/payments', { ...body, amount: 2001 }, key);
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('idempotency_key_reused');
  });
});

describe('GET /api/v1/payments', () => {
  it('filters by value date and pages with a cursor', async () => {
    const dates = ['2030-03-01', '2030-03-02', '2030-03-03'];
    for (const valueDate of dates) expect((await a.pay(100, [], { valueDate })).status).toBe(201);
    const query = '/api/v1/payments?valueDateFrom=2030-03-02&valueDateTo=2030-03-03&limit=1';
    const page1 = await a.api('GET', query);
    expect(page1.body.data.map((p: Json) => p.valueDate)).toEqual(['2030-03-02']);
    const page2 = await a.api('GET', `${query}&cursor=${page1.body.nextCursor}`);
    expect(page2.body.data.map((p: Json) => p.valueDate)).toEqual(['2030-03-03']);
    expect(page2.body.nextCursor).toBeNull();
  });
});

describe('tenant isolation and scopes', () => {
  it('hides a payment from another tenant and refuses its invoices', async () => {
    const invoiceId = await a.document(4000);
    const paid = await a.pay(1000, [{ invoiceId, amount: 1000 }]);
    const b = await seedTenant('Bolt');

    expect((await b.api('GET', `/api/v1/payments/${paid.body.id}`)).status).toBe(404);
    expect(await b.paymentCount()).toBe(0);
    const steal = await b.pay(3000, [{ invoiceId, amount: 3000 }]);
    expect(steal.status).toBe(400);
    expect(steal.body.details).toEqual({ field: 'allocations[0].invoiceId' });
    const intoA = await b.pay(3000, [], { administrationId: a.administrationId, debtorId: null });
    expect(intoA.status).toBe(404);
    expect(await a.invoice(invoiceId)).toMatchObject({ openAmount: 3000, status: 'open' });
  });

  it('requires ledger:write to create and ledger:read to read', async () => {
    const reader = await caller(a.tenantId, ['ledger:read']);
    const payload = { administrationId: a.administrationId, amount: 1, valueDate: '2026-02-01' };
    const create = await reader('POST', '/api/v1/payments', payload);
    expect(create.status).toBe(403);
    const nobody = await caller(a.tenantId, []);
    expect((await nobody('GET', '/api/v1/payments')).status).toBe(403);
  });
});
