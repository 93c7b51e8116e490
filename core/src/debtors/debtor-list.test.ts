import { describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { listPages } from '../app/test-list-pages.ts';
import { businessDay } from '../shared/test-business-date.ts';

const { newTenant } = await createTestApi();
const acme = await newTenant('Debtor List BV');

/** Today's business date in the administration's time zone, moved `days`. */
const day = (days: number) => businessDay(days);

let n = 0;
/** A debtor with invoices `[amount, due in days (negative: past due), currency]`. */
async function debtor(name: string, invoices: [number, number, string?][], tag?: string): Promise<string> {
  const res = await acme.api('POST', '/api/v1/debtors', {
    administrationId: acme.administrationId,
    number: name,
    name,
    ...(tag ? { tags: [tag] } : {}),
  });
  expect(res.status).toBe(201);
  for (const [amount, due, currency] of invoices) {
    const created = await acme.api('POST', '/api/v1/invoices', {
      administrationId: acme.administrationId,
      debtorId: res.body.id,
      number: `D${++n}`,
      documentType: amount < 0 ? 'credit_note' : 'invoice',
      issueDate: day(-200),
      dueDate: day(due),
      amount: Math.abs(amount),
      currency: currency ?? 'EUR',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
  }
  return res.body.id;
}

const small = await debtor('Small', [[5_000, -40]], 'key'); // 40 days past due
const large = await debtor('Large', [
  [60_000, 10],
  [40_000, -5],
]); // 100,000 open, 40,000 of it 5 days past due
const mixed = await debtor('Mixed', [
  [30_000, -90],
  [-10_000, -1],
  [20_000, 3, 'USD'],
]); // EUR 20,000 (a credit note of 10,000), 90 days past due; USD 20,000 not due
const quiet = await debtor('Quiet', [], 'key'); // owes nothing

const walk = (query: string, limit = 2) => listPages(acme.api, '/api/v1/debtors', query, limit);

describe('the debtor list', () => {
  it('adds up what the whole filtered list owes per currency, on every page', async () => {
    const { pages } = await walk('');
    expect(pages).toHaveLength(2);
    for (const page of pages) {
      expect(page.totals).toEqual({
        count: 4,
        currencies: [
          // 5,000 + 100,000 + 30,000 − 10,000; past due 5,000 + 40,000 + 30,000 − 10,000
          { currency: 'EUR', debtors: 3, openAmount: 125_000, overdueAmount: 65_000 },
          { currency: 'USD', debtors: 1, openAmount: 20_000, overdueAmount: 0 },
        ],
      });
    }
    const tagged = await acme.api('GET', '/api/v1/debtors?tag=key');
    expect(tagged.body.totals).toEqual({
      count: 2,
      currencies: [{ currency: 'EUR', debtors: 1, openAmount: 5_000, overdueAmount: 5_000 }],
    });
  });

  it('sorts by balance, largest first, those owing nothing last', async () => {
    // Large 100,000; Mixed 20,000 + 20,000 (minor units, summed for the order only); Small 5,000; Quiet 0.
    expect((await walk('sort=balance')).ids).toEqual([large, mixed, small, quiet]);
  });

  it('sorts by the oldest open invoice: due date earliest first, days overdue most first', async () => {
    expect((await walk('sort=due_date')).ids).toEqual([mixed, small, large, quiet]);
    expect((await walk('sort=days_overdue', 1)).ids).toEqual([mixed, small, large, quiet]);
  });

  it('keeps the id order by default', async () => {
    expect((await walk('')).ids).toEqual([small, large, mixed, quiet]);
  });
});
