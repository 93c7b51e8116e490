import { describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { readAsTenant, tenantEm } from '../db/tenant-scope.ts';
import { paymentHistory } from '../risk/test-payment-history.ts';
import { errorOf, weeksWithin } from './forecast-accuracy.ts';
import { snapshotAllForecasts, snapshotForecast } from './forecast-snapshot.ts';

const { db, newTenant } = await createTestApi();
const acme = await newTenant('Acme');
const h = await paymentHistory(db.orm, acme);
const snapshot = (asOf: string) =>
  tenantEm(db.orm, acme.tenantId).transactional((em) =>
    snapshotForecast(em, acme.tenantId, acme.administrationId, { asOf }),
  );
const kept = () =>
  readAsTenant(db.orm, acme.tenantId, (em) =>
    em.execute<{ made_on: string; rows: number }[]>(
      `select to_char(made_on, 'YYYY-MM-DD') as made_on, count(*)::int as rows from forecast_snapshot
       group by made_on order by made_on`,
    ),
  );

/*
 * No paid invoice anywhere before the forecasts: every invoice lands on its due date. Forecasts kept on
 * T−10 … T−6, each expecting 100.00 on T−5, 200.00 on T−3 and 50.00 on T−1. Then 100.00 arrives on
 * T−5 (on time) and 200.00 on T−2 (a day late); the 50.00 does not arrive.
 */
const a = await h.debtor('A');
const first = await h.invoice(a, 100_00, -5);
const second = await h.invoice(a, 200_00, -3);
await h.invoice(a, 50_00, -1);
for (const offset of [-10, -9, -8, -7, -6]) expect(await snapshot(h.day(offset))).toEqual(['EUR']);
await h.pay(a, first, 100_00, -5);
await h.pay(a, second, 200_00, -2);

describe('the forecast kept each day', () => {
  it('keeps every day of the 13 weeks once per day made: a rerun writes nothing', async () => {
    const before = await kept();
    expect(before.map((row) => row.made_on)).toEqual([
      h.day(-10),
      h.day(-9),
      h.day(-8),
      h.day(-7),
      h.day(-6),
    ]);
    expect(await snapshot(h.day(-10))).toEqual([]);
    expect(await kept()).toEqual(before);
    // The job: today's, for every administration; once.
    expect(await snapshotAllForecasts(db.orm, { only: acme.tenantId })).toBe(1);
    expect(await snapshotAllForecasts(db.orm, { only: acme.tenantId })).toBe(0);
  });
});

describe('forecast accuracy', () => {
  it('compares each past day with the forecast made leadDays before it, as WAPE and bias', async () => {
    const res = await acme.api(
      'GET',
      `/api/v1/forecast/accuracy?administrationId=${acme.administrationId}&granularity=day&from=${h.day(-6)}&to=${h.day(-1)}&leadDays=5`,
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(
      res.body.periods.map((p: { madeOn: string; expected: number | null; actual: number }) => [
        p.madeOn,
        p.expected,
        p.actual,
      ]),
    ).toEqual([
      [h.day(-11), null, 0], // no forecast kept on T−11
      [h.day(-10), 100_00, 100_00],
      [h.day(-9), 0, 0],
      [h.day(-8), 200_00, 0],
      [h.day(-7), 0, 200_00],
      [h.day(-6), 50_00, 0],
    ]);
    // |0| + |0| + |−200| + |200| + |−50| = 450 over 300 arrived: 150 %; (350 − 300) / 300 = 16.67 %.
    expect(res.body).toMatchObject({
      wapePercent: 150,
      biasPercent: 16.67,
      periodsCompared: 5,
      periodsMissing: 1,
    });
  });

  it('refuses a range reaching today, naming the field', async () => {
    const res = await acme.api(
      'GET',
      `/api/v1/forecast/accuracy?administrationId=${acme.administrationId}&to=${h.today}`,
    );
    expect(res.status).toBe(400);
    expect(res.body.field).toBe('to');
  });

  it('sums weeks the same way, and has no error when nothing arrived', () => {
    const week = (expected: number | null, actual: number) => ({
      start: 's',
      end: 'e',
      madeOn: 'm',
      expected,
      actual,
    });
    expect(errorOf([week(1_000, 800), week(500, 700), week(null, 900)])).toEqual({
      wapePercent: 26.67, // (200 + 200) / 1,500
      biasPercent: 0,
      periodsCompared: 2,
      periodsMissing: 1,
    });
    expect(errorOf([week(100, 0)])).toMatchObject({ wapePercent: null, biasPercent: null });
  });

  it('takes the ISO weeks wholly inside the range', () => {
    // Wednesday 2 December to Sunday 20 December 2026: the weeks of 7 and 14 December.
    expect(weeksWithin('2026-12-02', '2026-12-20')).toEqual([
      { start: '2026-12-07', end: '2026-12-13' },
      { start: '2026-12-14', end: '2026-12-20' },
    ]);
    expect(weeksWithin('2026-12-07', '2026-12-19')).toEqual([{ start: '2026-12-07', end: '2026-12-13' }]);
  });
});
