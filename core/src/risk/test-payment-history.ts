import { expect } from 'vitest';
import { businessDateOf } from '../administrations/index.ts';
import type { Caller } from '../app/test-api.ts';
import type { Orm } from '../db/orm.ts';
import { readAsTenant } from '../db/tenant-scope.ts';
import { addDays } from '../shared/iso-date.ts';

/**
 * For tests of payment behaviour (risk/, forecast/): a debtor's history written through the API, with
 * dates relative to the administration's business date, so the numbers in a test are computed by hand.
 */
export async function paymentHistory(
  orm: Orm,
  who: { tenantId: string; api: Caller; administrationId: string },
) {
  const today = await readAsTenant(orm, who.tenantId, (em) => businessDateOf(em, who.administrationId));
  const day = (offset: number) => addDays(today, offset);
  let invoices = 0;

  async function debtor(number: string): Promise<string> {
    const res = await who.api('POST', '/api/v1/debtors', {
      administrationId: who.administrationId,
      number,
      name: `Debtor ${number}`,
      type: 'b2b',
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  /** An open invoice due `dueIn` days from today (negative: in the past), issued 30 days before. */
  async function invoice(
    debtorId: string,
    amount: number,
    dueIn: number,
    currency?: string,
  ): Promise<string> {
    const res = await who.api('POST', '/api/v1/invoices', {
      administrationId: who.administrationId,
      debtorId,
      number: `F${++invoices}`,
      issueDate: day(dueIn - 30),
      dueDate: day(dueIn),
      amount,
      ...(currency ? { currency } : {}),
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  /** A payment of `amount` with value date `paidIn` days from today, allocated to the invoice. */
  async function pay(debtorId: string, invoiceId: string, amount: number, paidIn: number, currency?: string) {
    const res = await who.api('POST', '/api/v1/payments', {
      administrationId: who.administrationId,
      debtorId,
      amount,
      valueDate: day(paidIn),
      allocations: [{ invoiceId, amount }],
      ...(currency ? { currency } : {}),
    });
    expect(res.status).toBe(201);
  }

  /** An invoice due `dueIn` days from today, paid in full `paidIn` days from today. */
  async function paid(debtorId: string, amount: number, dueIn: number, paidIn: number): Promise<string> {
    const id = await invoice(debtorId, amount, dueIn);
    await pay(debtorId, id, amount, paidIn);
    return id;
  }

  return { today, day, debtor, invoice, pay, paid };
}
