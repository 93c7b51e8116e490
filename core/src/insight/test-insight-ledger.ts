import { expect } from 'vitest';
import type { Caller } from '../app/test-api.ts';

/** Writes a small ledger through the API for insight's hand-computed tests. */
export function insightLedger(api: Caller, administrationId: string) {
  let number = 0;
  return {
    async debtor(name: string, collector?: string): Promise<string> {
      const res = await api('POST', '/api/v1/debtors', {
        administrationId,
        number: name,
        name,
        ...(collector ? { collector } : {}),
      });
      expect(res.status).toBe(201);
      return res.body.id;
    },
    /** An invoice (or a credit note, with a negative amount) issued and due on the dates given. */
    async invoice(
      debtorId: string,
      amount: number,
      issueDate: string,
      dueDate: string,
      currency = 'EUR',
    ): Promise<string> {
      const res = await api('POST', '/api/v1/invoices', {
        administrationId,
        debtorId,
        number: `F${++number}`,
        documentType: amount < 0 ? 'credit_note' : 'invoice',
        issueDate,
        dueDate,
        amount: Math.abs(amount),
        currency,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id;
    },
    /** A payment with its value date, allocated to one invoice. */
    async pay(debtorId: string, invoiceId: string, amount: number, valueDate: string, currency = 'EUR') {
      const res = await api('POST', '/api/v1/payments', {
        administrationId,
        debtorId,
        amount,
        currency,
        valueDate,
        allocations: [{ invoiceId, amount }],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    },
  };
}
