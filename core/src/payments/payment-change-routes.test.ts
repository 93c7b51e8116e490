import { describe, expect, it } from 'vitest';
import { createTestApi, type Json } from '../app/test-api.ts';
import { readAsTenant } from '../db/tenant-scope.ts';

const { newTenant, caller, db } = await createTestApi();

/** The events a tenant's changes wrote to the outbox for plugins, by name. */
const outbox = (tenantId: string, name: string) =>
  readAsTenant(db.orm, tenantId, (em) =>
    em.execute<{ payload: Json }[]>('select payload from outbox_event where name = ? order by id', [name]),
  );

/** A tenant whose clerk (`usr_clerk`) records payments on invoices F1, F2 … of one debtor. */
async function seedTenant() {
  const { tenantId, administrationId } = await newTenant('Payments');
  const api = await caller(tenantId, undefined, 'usr_clerk');
  const debtorId = (await api('POST', '/api/v1/debtors', { administrationId, number: 'D1', name: 'D' })).body
    .id as string;
  let n = 0;
  const invoice = async (amount: number) =>
    (
      await api('POST', '/api/v1/invoices', {
        administrationId,
        debtorId,
        number: `F${++n}`,
        issueDate: '2026-01-05',
        amount,
      })
    ).body.id as string;
  const openAmount = async (id: string) => (await api('GET', `/api/v1/invoices/${id}`)).body;
  const pay = (amount: number, allocations: { invoiceId: string; amount: number }[]) =>
    api('POST', '/api/v1/payments', {
      administrationId,
      debtorId,
      amount,
      valueDate: '2026-02-01',
      allocations,
    });
  return { tenantId, api, debtorId, invoice, openAmount, pay };
}

describe('reversing and reallocating a payment', () => {
  it('reverses a payment recorded by hand: its invoices reopen, the change is on the timeline', async () => {
    const { tenantId, api, debtorId, invoice, openAmount, pay } = await seedTenant();
    const a = await invoice(10_000);
    const b = await invoice(5_000);
    const paid = await pay(16_000, [
      { invoiceId: a, amount: 10_000 },
      { invoiceId: b, amount: 5_000 },
    ]);
    expect(paid.status).toBe(201);
    expect((await openAmount(a)).status).toBe('paid');

    const reversed = await api('POST', `/api/v1/payments/${paid.body.id}/reversal`, { reason: 'bounced' });
    expect(reversed.status).toBe(200);
    expect(reversed.body).toMatchObject({ allocations: [], allocatedAmount: 0, reversalReason: 'bounced' });
    expect(await openAmount(a)).toMatchObject({ status: 'open', openAmount: 10_000 });
    expect(await openAmount(b)).toMatchObject({ status: 'open', openAmount: 5_000 });

    const [event] = await outbox(tenantId, 'payment.reversed');
    expect(event?.payload).toMatchObject({
      payment: { id: paid.body.id, allocations: [] },
      reason: 'bounced',
      previousAllocations: [
        { invoiceId: a, amount: { amount: 10_000, currency: 'EUR' } },
        { invoiceId: b, amount: { amount: 5_000, currency: 'EUR' } },
      ],
    });

    const again = await api('POST', `/api/v1/payments/${paid.body.id}/reversal`, { reason: 'twice' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('payment_reversed');
    const reallocate = await api('PUT', `/api/v1/payments/${paid.body.id}/allocations`, { allocations: [] });
    expect(reallocate.status).toBe(409);

    const timeline = await api('GET', `/api/v1/debtors/${debtorId}/timeline?limit=50`);
    const change = (timeline.body.data as Json[]).find((e) => e.type === 'payment.reversed');
    expect(change).toMatchObject({ actor: 'usr_clerk', summary: expect.stringContaining('bounced') });
    expect(change?.invoiceIds.sort()).toEqual([a, b].sort());
  });

  it('reallocates an unallocated payment, all or nothing', async () => {
    const { api, debtorId, invoice, openAmount, pay } = await seedTenant();
    const a = await invoice(10_000);
    const b = await invoice(5_000);
    const paid = await pay(12_000, [{ invoiceId: a, amount: 10_000 }]);
    const url = `/api/v1/payments/${paid.body.id}/allocations`;

    const tooMuch = await api('PUT', url, {
      allocations: [
        { invoiceId: b, amount: 5_000 },
        { invoiceId: a, amount: 8_000 },
      ],
    });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.message).toContain('exceeds the payment amount');
    // Refused: the old allocation stands.
    expect(await openAmount(a)).toMatchObject({ status: 'paid', openAmount: 0 });

    const moved = await api('PUT', url, {
      allocations: [
        { invoiceId: b, amount: 5_000 },
        { invoiceId: a, amount: 7_000 },
      ],
      reason: 'the debtor meant invoice F2 first',
    });
    expect(moved.status).toBe(200);
    expect(moved.body.allocatedAmount).toBe(12_000);
    expect(await openAmount(a)).toMatchObject({ status: 'open', openAmount: 3_000 });
    expect(await openAmount(b)).toMatchObject({ status: 'paid', openAmount: 0 });

    const timeline = await api('GET', `/api/v1/debtors/${debtorId}/timeline?limit=50`);
    expect((timeline.body.data as Json[]).find((e) => e.type === 'payment.reallocated')).toMatchObject({
      actor: 'usr_clerk',
      detail: {
        before: [{ invoiceId: a, amount: 10_000 }],
        after: [
          { invoiceId: b, amount: 5_000 },
          { invoiceId: a, amount: 7_000 },
        ],
      },
    });
  });
});
