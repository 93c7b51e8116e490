import { describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { readAsTenant } from '../db/tenant-scope.ts';
import { paymentHistory } from '../risk/test-payment-history.ts';
import { forecast, forecastWeeks } from './forecast.ts';

const { db, newTenant } = await createTestApi();
const acme = await newTenant('Acme');
const other = await newTenant('Other');
const h = await paymentHistory(db.orm, acme);

/*
 * The ledger, days relative to the business date T, amounts in cents:
 * - A paid F (1,000.00) due T−10 on T (10 days late, age 0, weight 1) and G (500.00) due T−130 on T−90
 *   (40 days late, age 90, weight 0.5): A's days beyond terms (10×1 + 40×0.5) / 1.5 = 20.
 * - C paid H (800.00) due T−94 on T−90 (4 days late, weight 0.5): C's own are 4.
 * - The administration's: (10×1 + 40×0.5 + 4×0.5) / (1 + 0.5 + 0.5) = 32 / 2 = 16.
 * Open:
 * - A: 300.00 due T+5 → T+25; 200.00 due T−30 → T−10, past → T (overdue); 600.00 due T−5 under a
 *   promise of 600.00 on T+3 → T+3.
 * - B (no history): 400.00 due T+10 → T+26 (the administration's 16); 250.00 due T in an open dispute →
 *   T+16, disputed.
 * - C: 100.00 due T+1 → T+5.
 * - A USD invoice of A, never added to the EUR forecast.
 */
const a = await h.debtor('A');
const b = await h.debtor('B');
const c = await h.debtor('C');
await h.paid(a, 1_000_00, -10, 0);
await h.paid(a, 500_00, -130, -90);
await h.paid(c, 800_00, -94, -90);
await h.invoice(a, 300_00, 5);
await h.invoice(a, 200_00, -30);
const promised = await h.invoice(a, 600_00, -5);
await h.invoice(b, 400_00, 10);
const disputed = await h.invoice(b, 250_00, 0);
await h.invoice(c, 100_00, 1);
await h.invoice(a, 999_00, 5, 'USD');
const promise = await acme.api('POST', `/api/v1/debtors/${a}/promises`, {
  invoiceIds: [promised],
  amount: 600_00,
  promisedOn: h.day(3),
});
expect(promise.status).toBe(201);
const dispute = await acme.api('POST', `/api/v1/debtors/${b}/disputes`, {
  invoiceIds: [disputed],
  type: 'quality',
  description: 'Broken on arrival',
});
expect(dispute.status).toBe(201);

describe('the cash-flow forecast', () => {
  it('places each amount by day: behaviour, promises, disputes apart, overdue today', async () => {
    const res = await acme.api(
      'GET',
      `/api/v1/forecast?administrationId=${acme.administrationId}&granularity=day`,
    );
    expect(res.status).toBe(200);
    const weeks = forecastWeeks(h.today);
    expect(res.body).toMatchObject({
      currency: 'EUR',
      asOf: h.today,
      from: h.today,
      to: weeks[12]?.end,
      total: { expected: 1_600_00, disputed: 250_00 },
      beyondHorizon: { expected: 0, disputed: 0 },
      behaviour: { administrationDaysBeyondTerms: 16, debtorsWithHistory: 2 },
    });
    const nonEmpty = res.body.periods.filter(
      (p: { expected: number; disputed: number }) => p.expected || p.disputed,
    );
    expect(nonEmpty).toEqual([
      {
        start: h.today,
        end: h.today,
        expected: 200_00,
        invoices: 0,
        overdue: 200_00,
        promises: 0,
        plans: 0,
        disputed: 0,
      },
      {
        start: h.day(3),
        end: h.day(3),
        expected: 600_00,
        invoices: 0,
        overdue: 0,
        promises: 600_00,
        plans: 0,
        disputed: 0,
      },
      {
        start: h.day(5),
        end: h.day(5),
        expected: 100_00,
        invoices: 100_00,
        overdue: 0,
        promises: 0,
        plans: 0,
        disputed: 0,
      },
      {
        start: h.day(16),
        end: h.day(16),
        expected: 0,
        invoices: 0,
        overdue: 0,
        promises: 0,
        plans: 0,
        disputed: 250_00,
      },
      {
        start: h.day(25),
        end: h.day(25),
        expected: 300_00,
        invoices: 300_00,
        overdue: 0,
        promises: 0,
        plans: 0,
        disputed: 0,
      },
      {
        start: h.day(26),
        end: h.day(26),
        expected: 400_00,
        invoices: 400_00,
        overdue: 0,
        promises: 0,
        plans: 0,
        disputed: 0,
      },
    ]);
    expect(res.body.periods).toHaveLength(
      weeks.length * 7 - (Date.parse(h.today) - Date.parse(weeks[0]?.start ?? '')) / 86_400_000,
    );
  });

  it('sums the same per ISO week, 13 of them, Monday to Sunday', async () => {
    const res = await acme.api('GET', `/api/v1/forecast?administrationId=${acme.administrationId}`);
    expect(res.status).toBe(200);
    expect(res.body.granularity).toBe('week');
    expect(res.body.periods).toHaveLength(13);
    const weekOf = (day: string) =>
      res.body.periods.find((p: { start: string; end: string }) => p.start <= day && day <= p.end);
    // The six days above, whichever weeks they fall in: each week's sum is theirs.
    const byWeek = new Map<string, number>();
    for (const [day, amount] of [
      [h.today, 200_00],
      [h.day(3), 600_00],
      [h.day(5), 100_00],
      [h.day(25), 300_00],
      [h.day(26), 400_00],
    ] as const) {
      const start = weekOf(day).start as string;
      byWeek.set(start, (byWeek.get(start) ?? 0) + amount);
    }
    for (const period of res.body.periods) expect(period.expected).toBe(byWeek.get(period.start) ?? 0);
    expect(weekOf(h.day(16)).disputed).toBe(250_00);
    expect(new Date(`${res.body.periods[0].start}T00:00:00Z`).getUTCDay()).toBe(1);
  });

  it('counts only the currency asked for, and tells what lies beyond the 13 weeks', async () => {
    const usd = await acme.api(
      'GET',
      `/api/v1/forecast?administrationId=${acme.administrationId}&currency=USD&granularity=day`,
    );
    // A's 20 days: due T+5 → T+25.
    expect(usd.body.total).toEqual({ expected: 999_00, disputed: 0 });
    const later = await h.invoice(c, 70_00, 120);
    const res = await readAsTenant(db.orm, acme.tenantId, (em) =>
      forecast(em, { administrationId: acme.administrationId, granularity: 'week' }),
    );
    expect(res.beyondHorizon).toEqual({ expected: 70_00, disputed: 0 });
    expect(later).toMatch(/^inv_/);
  });

  it("answers 404 for another tenant's administration and 400 for a bad granularity", async () => {
    const res = await other.api('GET', `/api/v1/forecast?administrationId=${acme.administrationId}`);
    expect(res.status).toBe(404);
    const bad = await acme.api(
      'GET',
      `/api/v1/forecast?administrationId=${acme.administrationId}&granularity=month`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('granularity');
  });
});
