import { describe, expect, it } from 'vitest';
import { createTestApi, type Json } from '../app/test-api.ts';
import { takeDueSnapshots } from './snapshot-task.ts';
import { insightLedger } from './test-insight-ledger.ts';

const { db, newTenant } = await createTestApi();
const acme = await newTenant('Snapshot BV');
const ledger = insightLedger(acme.api, acme.administrationId);
const run = (today: string) => takeDueSnapshots(db.orm, { today, only: acme.tenantId });

// June 2026: 1,000.00 sold on 1 June (due 1 July), 500.00 on 5 May (due 4 June, unpaid), collected by Cas.
const cas = await ledger.debtor('Cas', 'usr_cas');
const dora = await ledger.debtor('Dora');
await ledger.invoice(cas, 100_000, '2026-06-01', '2026-07-01');
await ledger.invoice(dora, 50_000, '2026-05-05', '2026-06-04');

const series = async (query: string) => {
  const res = await acme.api('GET', `/api/v1/insight/kpis?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};

describe('daily snapshots', () => {
  it('take the day that ended, with the KPIs of the 30 days up to it and its ageing', async () => {
    const taken = await run('2026-07-01');
    expect(taken.map((t) => [t.day, t.rebuilt])).toEqual([['2026-06-30', false]]);
    const body = await series('from=2026-06-01&to=2026-06-30');
    expect(body.points).toHaveLength(1);
    const [point] = body.points;
    expect(point).toMatchObject({
      day: '2026-06-30',
      administrationId: acme.administrationId,
      rebuilt: false,
    });
    // 1–30 June: sold 100,000; open on 30 June 150,000, of which 100,000 not due.
    const [eur] = point.kpis.currencies;
    expect(eur.receivables).toEqual({
      beginning: 50_000,
      ending: 150_000,
      endingCurrent: 100_000,
      endingPastDue: 50_000,
    });
    expect(eur.dso).toBe(45); // 150,000 / 100,000 × 30
    expect(eur.bestPossibleDso).toBe(30);
    // The 500.00 due 4 June is 26 days past due on 30 June.
    expect(point.ageing.currencies[0].buckets.map((b: Json) => [b.key, b.amount])).toEqual([
      ['not_due', 100_000],
      ['1-30', 50_000],
      ['31-60', 0],
      ['61-90', 0],
      ['91+', 0],
    ]);
    expect(body.missing).toEqual([]);
  });

  it('take nothing twice, and replace a day taken again', async () => {
    expect(await run('2026-07-01')).toEqual([]);
    const again = await acme.api('POST', '/api/v1/insight/snapshots', {
      administrationId: acme.administrationId,
      day: '2026-06-30',
    });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.rebuilt).toBe(true);
    const body = await series('from=2026-06-30&to=2026-06-30');
    expect(body.points).toHaveLength(1);
    expect(body.points[0].rebuilt).toBe(true);
  });

  it('catch up missed days as rebuilt, and list older gaps as missing', async () => {
    const caughtUp = await run('2026-07-05');
    expect(caughtUp.map((t) => [t.day, t.rebuilt])).toEqual([
      ['2026-07-01', true],
      ['2026-07-02', true],
      ['2026-07-03', true],
      ['2026-07-04', false],
    ]);
    // Four weeks later: only the last 31 days (1–31 August) are caught up; 5–31 July stay missing.
    const later = await run('2026-09-01');
    expect(later).toHaveLength(31);
    expect(later[0]?.day).toBe('2026-08-01');
    const body = await series('from=2026-07-01&to=2026-08-02');
    expect(body.missing.map((m: Json) => m.day)).toEqual(
      Array.from({ length: 27 }, (_, i) => `2026-07-${String(i + 5).padStart(2, '0')}`),
    );
    expect(body.points.map((p: Json) => p.day)).toEqual([
      '2026-07-01',
      '2026-07-02',
      '2026-07-03',
      '2026-07-04',
      '2026-08-01',
      '2026-08-02',
    ]);
  });

  it('keep each collector’s figures, and debtors without one apart', async () => {
    const body = await series('from=2026-06-30&to=2026-06-30&groupBy=collector');
    const byKey = Object.fromEntries(
      body.points.map((p: Json) => [p.groupKey, p.ageing.currencies[0].total.amount]),
    );
    expect(byKey).toEqual({ usr_cas: 100_000, '': 50_000 });
    const cas = await series('from=2026-06-30&to=2026-06-30&groupBy=collector&groupKey=usr_cas');
    expect(cas.points).toHaveLength(1);
  });

  it('age with the administration’s own edges once they are set', async () => {
    const put = await acme.api('PUT', `/api/v1/insight/settings/${acme.administrationId}`, {
      ageingEdges: [14, 28],
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const res = await acme.api(
      'GET',
      `/api/v1/insight/ageing?asOf=2026-06-30&administrationId=${acme.administrationId}`,
    );
    expect(res.body.edges).toEqual([14, 28]);
    expect(res.body.currencies[0].buckets.map((b: Json) => b.key)).toEqual([
      'not_due',
      '1-14',
      '15-28',
      '29+',
    ]);
    const bad = await acme.api('PUT', `/api/v1/insight/settings/${acme.administrationId}`, {
      ageingEdges: [28, 14],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/ageingEdges\[1\]/);
  });
});
