import { describe, expect, it } from 'vitest';
import { createTestApi, type Json } from '../app/test-api.ts';
import { listPages } from '../app/test-list-pages.ts';

const { newTenant } = await createTestApi();
const acme = await newTenant('List BV');
const other = await newTenant('Other BV');

async function debtor(api: typeof acme.api, administrationId: string, name: string): Promise<string> {
  const res = await api('POST', '/api/v1/debtors', { administrationId, number: name, name });
  expect(res.status).toBe(201);
  return res.body.id;
}

let n = 0;
async function invoice(debtorId: string, amount: number, dueDate: string, currency = 'EUR', open = amount) {
  const res = await acme.api('POST', '/api/v1/invoices', {
    administrationId: acme.administrationId,
    debtorId,
    number: `L${++n}`,
    documentType: amount < 0 ? 'credit_note' : 'invoice',
    issueDate: '2026-01-01',
    dueDate,
    amount: Math.abs(amount),
    openAmount: Math.abs(open),
    currency,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

const a = await debtor(acme.api, acme.administrationId, 'Alpha');
const b = await debtor(acme.api, acme.administrationId, 'Beta');
const big = await invoice(a, 90_000, '2026-03-01');
const half = await invoice(a, 80_000, '2026-01-15', 'EUR', 20_000);
const late = await invoice(b, 30_000, '2026-02-01');
const early = await invoice(b, 50_000, '2026-01-10');
const dollars = await invoice(b, 70_000, '2026-02-20', 'USD');
const credit = await invoice(a, -10_000, '2026-01-31');
// Another tenant's invoice, which no list or total of Acme's shows.
const stranger = await debtor(other.api, other.administrationId, 'Stranger');
const foreign = await other.api('POST', '/api/v1/invoices', {
  administrationId: other.administrationId,
  debtorId: stranger,
  number: 'X1',
  issueDate: '2026-01-01',
  dueDate: '2026-01-02',
  amount: 999_999,
});
expect(foreign.status).toBe(201);

const walk = (query: string, limit = 2) => listPages(acme.api, '/api/v1/invoices', query, limit);

describe('the invoice list', () => {
  it('adds up the whole filtered list per currency on every page, not only the page', async () => {
    const { pages } = await walk(`administrationId=${acme.administrationId}`);
    expect(pages).toHaveLength(3);
    for (const page of pages) {
      expect(page.totals).toEqual({
        count: 6,
        currencies: [
          // 90,000 + 80,000 + 30,000 + 50,000 − 10,000; open 90,000 + 20,000 + 30,000 + 50,000 − 10,000
          { currency: 'EUR', count: 5, amount: 240_000, openAmount: 180_000 },
          { currency: 'USD', count: 1, amount: 70_000, openAmount: 70_000 },
        ],
      });
    }
    const filtered = await acme.api('GET', `/api/v1/invoices?debtorId=${b}&limit=1`);
    expect(filtered.body.totals.currencies.map((c: Json) => [c.currency, c.openAmount])).toEqual([
      ['EUR', 80_000],
      ['USD', 70_000],
    ]);
  });

  it('sorts by balance, largest first, across pages', async () => {
    // Open amounts 90,000, 70,000 (USD), 50,000, 30,000, 20,000, −10,000; minor units, whatever the currency.
    expect((await walk('sort=balance')).ids).toEqual([big, dollars, early, late, half, credit]);
  });

  it('sorts by due date, earliest first, and by days overdue, most first', async () => {
    const byDue = [early, half, credit, late, dollars, big];
    expect((await walk('sort=due_date')).ids).toEqual(byDue);
    expect((await walk('sort=days_overdue', 4)).ids).toEqual(byDue);
  });

  it('keeps id order and its cursor by default, and refuses a cursor of another sort', async () => {
    expect((await walk('')).ids).toEqual([big, half, late, early, dollars, credit]);
    const page = await acme.api('GET', '/api/v1/invoices?sort=balance&limit=1');
    const mixed = await acme.api('GET', `/api/v1/invoices?sort=due_date&cursor=${page.body.nextCursor}`);
    expect(mixed.status).toBe(400);
    expect(mixed.body.message).toMatch(/cursor/);
  });
});
