import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { withTenantClient } from '../db/tenant-scope.ts';
import { announceOverdueInvoices } from '../invoices/overdue-task.ts';
import { startJobWorker } from '../jobs/job-worker.ts';
import { createTestPartner } from '../marketplace/test-partner.ts';
import { isId } from '../shared/ids.ts';
import { addDays } from '../shared/iso-date.ts';
import { businessDay } from '../shared/test-business-date.ts';
import { until } from '../shared/until.ts';
import type { EventDeliverer } from './event-deliverer.ts';
import { eventJobs } from './event-jobs.ts';

const here = dirname(fileURLToPath(import.meta.url));
const fixture = (name: string) => readFileSync(join(here, '../imports/fixtures', name));

const { db, caller, newTenant } = await createTestApi();
const listening = await newTenant('Listening');
const quiet = await newTenant('Quiet');
const base = '/api/v1/plugins/installations';

// Published and installed exactly as a partner and a tenant admin do; the bundle never runs here.
const partner = await createTestPartner(caller, listening.tenantId, 'Events B.V.');
const installListener = (who: typeof listening, id: string, hooks: string[]) =>
  partner.installFor(
    who,
    { id, hooks: hooks.map((name) => ({ name, kind: 'event' })) },
    `globalThis.__kredo = { hooks: { ${hooks.map((h) => `'${h}': async () => {}`).join(', ')} } };`,
  );
const listener = await installListener(listening, 'com.example.events.listener', [
  'debtor.created',
  'invoice.created',
  'invoice.overdue',
]);

// Deliveries succeed unless the installation is told to fail; the worker runs as in production.
let failing = true;
const deliverer: EventDeliverer = {
  hooksFor: async (tenantId) => (tenantId === listening.tenantId ? [{ installationId: listener }] : []),
  deliver: async () =>
    failing
      ? { ok: false, error: { code: 'invalid_config', message: 'no API key', retryable: false } }
      : { ok: true },
};
const worker = await startJobWorker({
  connectionString: db.url,
  logger: pino({ level: 'silent' }),
  pollInterval: 100,
  jobs: [eventJobs({ orm: db.orm, deliverer })],
});
afterAll(() => worker.stop());

interface EventRow {
  id: string;
  name: string;
  // biome-ignore lint/suspicious/noExplicitAny: event payloads are untyped JSON that assertions inspect
  payload: Record<string, any>;
}
const events = (tenantId: string, name?: string) =>
  withTenantClient(db.orm, tenantId, async (c) => {
    const { rows } = await c.query<EventRow>('select * from outbox_event order by id');
    return rows.filter((r) => name === undefined || r.name === name);
  });

const debtorNumbers = (rows: EventRow[]) => rows.map((e) => e.payload.debtor.number).sort();

describe('debtor.created and invoice.created', () => {
  it('are recorded for the create API in the SDK shapes', async () => {
    const { api, administrationId, tenantId } = listening;
    const debtor = await api('POST', '/api/v1/debtors', {
      administrationId,
      number: 'A-1',
      name: 'Api BV',
      email: 'ap@api.example',
      addresses: [{ type: 'billing', line1: 'Straat 1', country: 'NL' }],
    });
    expect(debtor.status).toBe(201);
    const invoice = await api('POST', '/api/v1/invoices', {
      administrationId,
      debtorId: debtor.body.id,
      number: 'API-1',
      issueDate: '2026-01-05',
      amount: 12_100,
    });
    expect(invoice.status).toBe(201);
    const [created] = await events(tenantId, 'debtor.created');
    expect(isId('event', created?.id ?? '')).toBe(true);
    expect(created?.payload).toEqual({
      debtor: {
        id: debtor.body.id,
        administrationId,
        number: 'A-1',
        name: 'Api BV',
        type: 'company',
        vatNumber: null,
        cocNumber: null,
        email: 'ap@api.example',
        phone: null,
        language: null,
        country: 'NL',
      },
    });
    const [invoiceEvent] = await events(tenantId, 'invoice.created');
    expect(isId('event', invoiceEvent?.id ?? '')).toBe(true);
    expect(invoiceEvent?.payload).toEqual({
      invoice: {
        id: invoice.body.id,
        administrationId,
        debtorId: debtor.body.id,
        number: 'API-1',
        documentType: 'invoice',
        issueDate: '2026-01-05',
        dueDate: invoice.body.dueDate,
        amount: { amount: 12_100, currency: 'EUR' },
        openAmount: { amount: 12_100, currency: 'EUR' },
        status: 'open',
        paymentReference: null,
        description: null,
      },
    });
    // Changing a debtor is no creation.
    expect((await api('PATCH', `/api/v1/debtors/${debtor.body.id}`, { name: 'Api B.V.' })).status).toBe(200);
    expect(await events(tenantId, 'debtor.created')).toHaveLength(1);
  });

  it('are recorded by the bulk API for new rows only', async () => {
    const { api, administrationId, tenantId } = listening;
    const before = (await events(tenantId, 'debtor.created')).length;
    const bulk = await api('POST', '/api/v1/debtors/bulk', {
      administrationId,
      debtors: [
        { number: 'A-1', name: 'Api BV renamed' },
        { number: 'B-1', name: 'Bulk One' },
        { number: 'B-2', name: 'Bulk Two', type: 'b2c' },
      ],
    });
    expect(bulk.body).toMatchObject({ created: 2, updated: 1 });
    const created = (await events(tenantId, 'debtor.created')).slice(before);
    expect(debtorNumbers(created)).toEqual(['B-1', 'B-2']);
    expect(created.find((e) => e.payload.debtor.number === 'B-2')?.payload.debtor.type).toBe('person');
    expect(created.every((e) => isId('event', e.id))).toBe(true);

    const invoices = await api('POST', '/api/v1/invoices/bulk', {
      administrationId,
      invoices: [
        {
          number: 'API-1',
          debtorNumber: 'A-1',
          issueDate: '2026-01-05',
          amount: 12_100,
          description: 'changed',
        },
        { number: 'BULK-1', debtorNumber: 'B-1', issueDate: '2026-02-01', amount: 500 },
        {
          number: 'BULK-1',
          documentType: 'credit_note',
          debtorNumber: 'B-1',
          issueDate: '2026-02-02',
          amount: 100,
        },
      ],
    });
    expect(invoices.body).toMatchObject({ created: 2, updated: 1 });
    const invoiceEvents = await events(tenantId, 'invoice.created');
    expect(
      invoiceEvents.map((e) => `${e.payload.invoice.documentType}:${e.payload.invoice.number}`).sort(),
    ).toEqual(['credit_note:BULK-1', 'invoice:API-1', 'invoice:BULK-1']);
    expect(
      invoiceEvents.find((e) => e.payload.invoice.documentType === 'credit_note')?.payload.invoice.amount,
    ).toEqual({
      amount: -100,
      currency: 'EUR',
    });
  });

  it('are recorded by file imports, once: a re-import creates nothing and announces nothing', async () => {
    const { api, administrationId, tenantId } = listening;
    const upload = (format: string, body: Buffer) =>
      api('POST', `/api/v1/imports?administrationId=${administrationId}&format=${format}`, body, {
        'content-type': 'text/csv',
      });
    const before = (await events(tenantId, 'debtor.created')).length;
    expect((await upload('debtors', fixture('debtors.csv'))).body).toMatchObject({ created: 3 });
    expect((await upload('invoices', fixture('invoices-semicolon.csv'))).body).toMatchObject({ created: 4 });
    const debtors = (await events(tenantId, 'debtor.created')).slice(before);
    expect(debtorNumbers(debtors)).toEqual(['D-100', 'D-200', 'D-201']);
    const invoices = await events(tenantId, 'invoice.created');
    expect(invoices).toHaveLength(3 + 4);
    expect((await upload('debtors', fixture('debtors.csv'))).body).toMatchObject({ created: 0 });
    expect((await upload('invoices', fixture('invoices-semicolon.csv'))).body).toMatchObject({ created: 0 });
    expect(await events(tenantId, 'debtor.created')).toHaveLength(before + 3);
    expect(await events(tenantId, 'invoice.created')).toHaveLength(3 + 4);
  });

  it('are not written for a tenant nobody listens to', async () => {
    const { api, administrationId, tenantId } = quiet;
    const debtor = await api('POST', '/api/v1/debtors', {
      administrationId,
      number: 'Q-1',
      name: 'Quiet BV',
    });
    expect(debtor.status).toBe(201);
    await api('POST', '/api/v1/debtors/bulk', { administrationId, debtors: [{ number: 'Q-2', name: 'Q2' }] });
    await api('POST', '/api/v1/invoices/bulk', {
      administrationId,
      invoices: [{ number: 'Q-1', debtorNumber: 'Q-1', issueDate: '2026-01-01', amount: 100 }],
    });
    await api(
      'POST',
      `/api/v1/imports?administrationId=${administrationId}&format=debtors`,
      fixture('debtors.csv'),
      {
        'content-type': 'text/csv',
      },
    );
    expect(await events(tenantId)).toEqual([]);
  });
});

/** Today in a time zone, as PostgreSQL's `(now() at time zone tz)::date` gives it. */
const daysBefore = (isoDate: string, days: number) => addDays(isoDate, -days);

describe('invoice.overdue', () => {
  it('is recorded once per invoice and due date, in the administration time zone, and not for paid ones', async () => {
    const { api, tenantId } = listening;
    const tokyo = await api('POST', '/api/v1/administrations', {
      code: 'jp',
      name: 'Tokyo',
      country: 'JP',
      currency: 'JPY',
      timeZone: 'Asia/Tokyo',
      paymentTermDays: 30,
    });
    expect(tokyo.status, JSON.stringify(tokyo.body)).toBe(201);
    const administrationId = tokyo.body.id as string;
    const today = businessDay(0, 'Asia/Tokyo');
    const debtor = await api('POST', '/api/v1/debtors', {
      administrationId,
      number: 'O-1',
      name: 'Overdue KK',
    });
    const invoice = (number: string, dueDate: string, extra: object = {}) =>
      api('POST', '/api/v1/invoices', {
        administrationId,
        debtorId: debtor.body.id,
        number,
        issueDate: daysBefore(today, 60),
        dueDate,
        amount: 10_000,
        ...extra,
      });
    const late = await invoice('LATE', daysBefore(today, 12));
    const paid = await invoice('PAID', daysBefore(today, 12), { openAmount: 0 });
    const credit = await invoice('CN', daysBefore(today, 12), { documentType: 'credit_note' });
    const dueToday = await invoice('TODAY', today);
    for (const res of [late, paid, credit, dueToday]) expect(res.status, JSON.stringify(res.body)).toBe(201);

    await Promise.all([announceOverdueInvoices(db.orm), announceOverdueInvoices(db.orm)]);
    await announceOverdueInvoices(db.orm);
    const overdue = (await events(tenantId, 'invoice.overdue')).filter(
      (e) => e.payload.invoice.administrationId === administrationId,
    );
    expect(overdue).toHaveLength(1);
    expect(overdue[0]?.payload).toMatchObject({
      daysOverdue: 12,
      invoice: { id: late.body.id, status: 'open', openAmount: { amount: 10_000, currency: 'JPY' } },
    });

    // A new due date is a new reason to announce.
    expect(
      (await api('PATCH', `/api/v1/invoices/${late.body.id}`, { dueDate: daysBefore(today, 2) })).status,
    ).toBe(200);
    await announceOverdueInvoices(db.orm);
    const again = (await events(tenantId, 'invoice.overdue')).filter(
      (e) => e.payload.invoice.id === late.body.id,
    );
    expect(again.map((e) => e.payload.daysOverdue)).toEqual([12, 2]);
    // Nobody listens to the quiet tenant: nothing in its outbox.
    expect(await events(quiet.tenantId, 'invoice.overdue')).toEqual([]);
  });
});

describe('the deliveries API', () => {
  const deliveries = (who: typeof listening, query = '') =>
    who.api('GET', `${base}/${listener}/deliveries${query}`);

  it('lists failed deliveries with their error, pages them, and retries one', async () => {
    const { tenantId } = listening;
    const all = await events(tenantId);
    const rows = await until(
      () => deliveries(listening, '?status=failed&limit=500'),
      (res) => res.body.data?.length === all.length,
    );
    const [first] = rows.body.data;
    expect(first).toEqual({
      id: first.eventId,
      installationId: listener,
      eventId: first.eventId,
      eventName: all.find((e) => e.id === first.eventId)?.name,
      idempotencyKey: `${first.eventId}:${listener}`,
      status: 'failed',
      attempts: 1,
      lastError: { code: 'invalid_config', message: 'no API key', at: expect.any(String) },
      createdAt: expect.any(Date),
      deliveredAt: null,
    });
    expect(JSON.stringify(rows.body)).not.toContain('payload');

    const page1 = await deliveries(listening, '?status=failed&limit=2');
    expect(page1.body.data).toHaveLength(2);
    const page2 = await deliveries(listening, `?status=failed&limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.data[0].eventId > page1.body.data[1].eventId).toBe(true);
    expect((await deliveries(listening, '?status=delivered')).body.data).toEqual([]);

    failing = false;
    const retry = () => listening.api('POST', `${base}/${listener}/deliveries/${first.eventId}/retry`);
    const [a, b] = [await retry(), await retry()];
    expect(a.status).toBe(202);
    expect(b.status).toBe(202);
    const delivered = await until(
      () => deliveries(listening, '?status=delivered'),
      (res) => res.body.data?.length === 1,
    );
    expect(delivered.body.data[0]).toMatchObject({
      eventId: first.eventId,
      attempts: 2,
      status: 'delivered',
    });
    // Delivered once, however often it was asked; now there is nothing to retry.
    expect((await retry()).status).toBe(409);
  });

  it('answers a bad status with a 400 naming the field', async () => {
    const res = await deliveries(listening, '?status=lost');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/status/);
  });

  it("is 404 for another tenant's installation", async () => {
    expect((await deliveries(quiet)).status).toBe(404);
    const [event] = await events(listening.tenantId);
    expect((await quiet.api('POST', `${base}/${listener}/deliveries/${event?.id}/retry`)).status).toBe(404);
  });
});
