import { expect } from 'vitest';
import type { Caller } from '../app/test-api.ts';
import { addDays } from '../shared/iso-date.ts';

/**
 * A debtor made through the staff API for a portal test, with one EUR invoice per `daysAgo` (due that
 * many days before `today`; negative: not yet due), the n-th of 100.00 × n.
 */
export async function debtorWithInvoices(
  api: Caller,
  administrationId: string,
  options: {
    number: string;
    today: string;
    daysAgo: number[];
    language?: string;
    email?: string;
    parentId?: string;
  },
) {
  const { number, today } = options;
  const debtor = await api('POST', '/api/v1/debtors', {
    administrationId,
    number,
    name: `Debtor ${number}`,
    type: 'b2b',
    language: options.language ?? 'en',
    ...(options.email && { email: options.email }),
    ...(options.parentId && { parentId: options.parentId }),
  });
  expect(debtor.status).toBe(201);
  const invoices: string[] = [];
  for (const [i, ago] of options.daysAgo.entries()) {
    const res = await api('POST', '/api/v1/invoices', {
      administrationId,
      debtorId: debtor.body.id,
      number: `${number}-F${i + 1}`,
      issueDate: addDays(today, -ago - 30),
      dueDate: addDays(today, -ago),
      amount: 100_00 * (i + 1),
      currency: 'EUR',
    });
    expect(res.status).toBe(201);
    invoices.push(res.body.id as string);
  }
  return { debtorId: debtor.body.id as string, number, invoices };
}
