import { describe, expect, it } from 'vitest';
import { createTestApi, type Json } from '../app/test-api.ts';
import { tenantEm } from '../db/tenant-scope.ts';
import { newId } from '../shared/ids.ts';

const { db, newTenant } = await createTestApi();
const acme = await newTenant('Timeline BV');
const other = await newTenant('Elsewhere BV');

const debtorId = (
  await acme.api('POST', '/api/v1/debtors', {
    administrationId: acme.administrationId,
    number: 'T-1',
    name: 'Tijdlijn BV',
  })
).body.id as string;
async function ok(method: string, url: string, payload?: object) {
  const res = await acme.api(method, url, payload);
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
  return res.body;
}
const invoice = (number: string, amount: number) =>
  ok('POST', '/api/v1/invoices', {
    administrationId: acme.administrationId,
    debtorId,
    number,
    issueDate: '2026-10-01',
    amount,
  });

// What happened with the debtor, in this order.
const first = await invoice('TL-1', 10_000);
const second = await invoice('TL-2', 25_000);
const payment = await ok('POST', '/api/v1/payments', {
  administrationId: acme.administrationId,
  debtorId,
  amount: 10_000,
  valueDate: '2026-11-05',
  allocations: [{ invoiceId: first.id, amount: 10_000 }],
});
// A text message as the messages module stores it after a plugin sent it.
const messageId = newId('message');
await tenantEm(db.orm, acme.tenantId).execute(
  `insert into debtor_message (id, tenant_id, administration_id, debtor_id, installation_id, plugin, channel, "to", text,
     idempotency_key, status)
   values (?, ?, ?, ?, ?, 'com.example.sms', 'sms', '+31612345678', 'Your invoice TL-2 is due', ?, 'sent')`,
  [messageId, acme.tenantId, acme.administrationId, debtorId, newId('installation'), messageId],
);
const note = await ok('POST', `/api/v1/debtors/${debtorId}/notes`, { body: 'Asked for a copy of TL-2' });
const task = await ok('POST', '/api/v1/tasks', { debtorId, title: 'Call about TL-2', dueOn: '2026-12-01' });
await ok('POST', `/api/v1/tasks/${task.id}/complete`, {
  outcome: { result: 'reached', note: 'Pays next week' },
});
const pinned = await ok('POST', `/api/v1/debtors/${debtorId}/notes`, {
  body: 'Only call after 14:00',
  pinned: true,
});

const line = (e: Json) => `${e.type} ${e.id}`;

describe("a debtor's timeline", () => {
  it('opens with the pinned notes, then everything newest first, from every source', async () => {
    const res = await acme.api('GET', `/api/v1/debtors/${debtorId}/timeline`);
    expect(res.status).toBe(200);
    const lines = res.body.data.map(line);
    // The payment and the invoice it paid are written in one transaction, a moment apart in either order.
    const paid = [`payment ${payment.id}`, `invoice.paid ${first.id}:paid`];
    expect(lines.slice(5, 7).sort()).toEqual([...paid].sort());
    expect([...lines.slice(0, 5), ...paid, ...lines.slice(7)]).toEqual([
      `note ${pinned.id}`,
      `task.completed ${task.id}:done`,
      `task.created ${task.id}`,
      `note ${note.id}`,
      `message ${messageId}`,
      ...paid,
      `invoice.created ${second.id}`,
      `invoice.created ${first.id}`,
    ]);
    expect(res.body.nextCursor).toBeNull();
    const [top, completed] = res.body.data;
    expect(top).toMatchObject({ pinned: true, actor: 'usr_test', summary: 'Only call after 14:00' });
    expect(completed).toMatchObject({
      summary: 'Call about TL-2: reached — Pays next week',
      actor: 'usr_test',
      detail: { outcome: { result: 'reached', note: 'Pays next week' } },
    });
    const paymentLine = res.body.data.find((e: Json) => e.type === 'payment');
    expect(paymentLine).toMatchObject({
      summary: 'Payment of EUR 100.00 (value date 2026-11-05), allocated to 1 document',
      invoiceIds: [first.id],
    });
  });

  it('pages with its cursor to the same list, pinned notes only on the first page', async () => {
    const whole = (await acme.api('GET', `/api/v1/debtors/${debtorId}/timeline`)).body.data.map(line);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/debtors/${debtorId}/timeline?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await acme.api('GET', url)).body;
      seen.push(...page.data.map(line));
      cursor = page.nextCursor;
    } while (cursor && seen.length < 50);
    expect(seen).toEqual(whole);
  });

  it('starts before an instant, without the pinned notes', async () => {
    const all = (await acme.api('GET', `/api/v1/debtors/${debtorId}/timeline`)).body.data;
    const created = all.find((e: Json) => e.type === 'task.created');
    const res = await acme.api(
      'GET',
      `/api/v1/debtors/${debtorId}/timeline?before=${encodeURIComponent(created.at)}`,
    );
    expect(res.body.data.map((e: Json) => e.type)).not.toContain('task.created');
    expect(res.body.data.map((e: Json) => e.id)).not.toContain(pinned.id);
    expect(res.body.data.at(-1).id).toBe(first.id);
  });

  it("answers 404 for a debtor that is not there or is another tenant's", async () => {
    for (const [api, id] of [
      [acme.api, newId('debtor')],
      [other.api, debtorId],
    ] as const) {
      const res = await api('GET', `/api/v1/debtors/${id}/timeline`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('debtor_not_found');
    }
  });

  it('refuses bad input naming the field', async () => {
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['before=yesterday', 'before'],
      ['cursor=nonsense', 'cursor'],
    ]) {
      const res = await acme.api('GET', `/api/v1/debtors/${debtorId}/timeline?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.field).toBe(field);
    }
  });
});
