import type { Caller } from '../app/test-api.ts';

/**
 * For the dunning tests: a ledger, strategies and settings written through the API (the front door).
 * Only tests import it.
 */

const en = {
  subject: '{{ reminder.step }}',
  text: 'Dear {{ debtor.contactName }}, please pay {{ reminder.totalDue }}.',
};

/** Three steps: e-mail 7 days after the due date, e-mail 7 days after that, a call 30 days after the due date. */
export const STANDARD = {
  defaultLanguage: 'en',
  steps: [
    { name: 'First reminder', action: 'email', offsetDays: 7, from: 'due_date', templates: { en } },
    { name: 'Second reminder', action: 'email', offsetDays: 7, from: 'previous_step', templates: { en } },
    { name: 'Call', action: 'phone_call', offsetDays: 30, from: 'due_date' },
  ],
};

async function ok(res: Promise<{ status: number; body: Record<string, unknown> }>, status = 201) {
  const answer = await res;
  if (answer.status !== status)
    throw new Error(`expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body as Record<string, unknown>;
}

export async function createStrategy(
  api: Caller,
  administrationId: string,
  name: string,
  definition: object = STANDARD,
) {
  const body = await ok(api('POST', '/api/v1/dunning/strategies', { administrationId, name, definition }));
  return body.id as string;
}

/** A strategy made the administration's default. */
export async function defaultStrategy(api: Caller, administrationId: string, name = 'Standard') {
  const id = await createStrategy(api, administrationId, name);
  await ok(api('PUT', `/api/v1/dunning/settings/${administrationId}`, { defaultStrategyId: id }), 200);
  return id;
}

export async function createDebtor(api: Caller, administrationId: string, number: string, more: object = {}) {
  const body = await ok(
    api('POST', '/api/v1/debtors', { administrationId, number, name: `Debtor ${number}`, ...more }),
  );
  return body.id as string;
}

export async function createInvoice(
  api: Caller,
  administrationId: string,
  debtorId: string,
  number: string,
  dueDate: string,
  amount: number,
  documentType: 'invoice' | 'credit_note' = 'invoice',
) {
  const body = await ok(
    api('POST', '/api/v1/invoices', {
      administrationId,
      debtorId,
      number,
      documentType,
      issueDate: dueDate < '2026-09-01' ? dueDate : '2026-09-01',
      dueDate,
      amount,
    }),
  );
  return body.id as string;
}

/**
 * The same small portfolio in any administration: debtor A (two overdue invoices), a group dunned at
 * its parent P (P and its children C1, C2 each with an invoice), debtor B (one invoice, due later),
 * debtor N (nothing overdue), and eight more single debtors D1…D8, so chunked runs have chunks.
 */
export async function seedPortfolio(api: Caller, administrationId: string) {
  const a = await createDebtor(api, administrationId, 'A');
  await createInvoice(api, administrationId, a, 'A-1', '2026-10-01', 100_00);
  await createInvoice(api, administrationId, a, 'A-2', '2026-10-05', 50_00);
  const p = await createDebtor(api, administrationId, 'P', { groupDunning: true });
  const c1 = await createDebtor(api, administrationId, 'C1', { parentId: p });
  const c2 = await createDebtor(api, administrationId, 'C2', { parentId: p });
  await createInvoice(api, administrationId, p, 'P-1', '2026-10-01', 10_00);
  await createInvoice(api, administrationId, c1, 'C1-1', '2026-09-28', 20_00);
  await createInvoice(api, administrationId, c2, 'C2-1', '2026-10-03', 30_00);
  const b = await createDebtor(api, administrationId, 'B', { type: 'b2c' });
  await createInvoice(api, administrationId, b, 'B-1', '2026-10-20', 70_00);
  const n = await createDebtor(api, administrationId, 'N');
  await createInvoice(api, administrationId, n, 'N-1', '2027-01-31', 70_00);
  for (let i = 1; i <= 8; i++) {
    const d = await createDebtor(api, administrationId, `D${i}`);
    await createInvoice(
      api,
      administrationId,
      d,
      `D${i}-1`,
      `2026-09-${String(10 + i).padStart(2, '0')}`,
      i * 10_00,
    );
  }
  return { a, p, c1, c2, b, n };
}
