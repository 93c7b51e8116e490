import { describe, expect, it } from 'vitest';
import { createTestApi, type Json } from '../app/test-api.ts';
import { tenantEm } from '../db/tenant-scope.ts';
import { newId } from '../shared/ids.ts';
import { insightLedger } from './test-insight-ledger.ts';

const { db, newTenant } = await createTestApi();
const acme = await newTenant('KPI BV');
const ledger = insightLedger(acme.api, acme.administrationId);
const em = () => tenantEm(db.orm, acme.tenantId);

// The second quarter of 2026 (1 April – 30 June: 91 days), worked out by hand below.
const ann = await ledger.debtor('Ann', 'usr_ann');
const ben = await ledger.debtor('Ben', 'usr_ben');
const i1 = await ledger.invoice(ann, 100_000, '2026-03-10', '2026-04-09'); // open on 31 March, paid 20 April
const i2 = await ledger.invoice(ann, 50_000, '2026-03-20', '2026-04-19'); // open on 31 March, never paid
const i3 = await ledger.invoice(ann, 200_000, '2026-04-15', '2026-05-15'); // 150,000 paid on 1 June
const i4 = await ledger.invoice(ann, 300_000, '2026-06-10', '2026-07-10'); // not due on 30 June
const i5 = await ledger.invoice(ben, 150_000, '2026-05-20', '2026-06-19'); // paid on 25 June
await ledger.invoice(ann, 40_000, '2026-07-02', '2026-08-01'); // after the quarter
await ledger.invoice(ben, 10_000, '2026-06-15', '2026-07-15', 'USD'); // in dollars, not due on 30 June
await ledger.pay(ann, i1, 100_000, '2026-04-20');
await ledger.pay(ann, i3, 150_000, '2026-06-01');
await ledger.pay(ben, i5, 150_000, '2026-06-25');

// Promises with the outcome the monitor recorded (promises/monitor-arrangements.ts): written as it writes them.
for (const [promisedOn, status] of [
  ['2026-04-20', 'kept'],
  ['2026-05-10', 'broken'],
  ['2026-06-01', 'kept'],
  ['2026-07-05', 'kept'], // after the quarter
  ['2026-06-15', 'cancelled'], // no outcome
]) {
  await em().execute(
    `insert into payment_promise (tenant_id, id, administration_id, debtor_id, invoice_ids, currency, amount,
       open_at_start, promised_on, grace_days, made_on, status)
     values (?, ?, ?, ?, ?, 'EUR', 1000, 1000, ?, 0, '2026-03-01', ?)`,
    [acme.tenantId, newId('promise'), acme.administrationId, ann, `{${i2}}`, promisedOn, status],
  );
}

// Disputes opened through the API on past dates; one resolved, its resolution moved back to 30 April.
async function dispute(invoiceId: string, openedOn: string): Promise<string> {
  const res = await acme.api('POST', `/api/v1/debtors/${ann}/disputes`, {
    invoiceIds: [invoiceId],
    type: 'quality',
    description: 'Not as ordered',
    openedOn,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}
const d1 = await dispute(i2, '2026-04-10');
await dispute(i3, '2026-06-20');
await dispute(i4, '2026-05-31');
expect(
  (await acme.api('POST', `/api/v1/disputes/${d1}/resolve`, { resolution: 'rejected', note: 'As ordered' }))
    .status,
).toBe(200);
await em().execute(`update dispute set resolved_at = '2026-04-30T12:00:00Z' where id = ?`, [d1]);

const quarter = 'from=2026-04-01&to=2026-06-30';
const inCurrency = (body: Json, code: string) => body.currencies.find((c: Json) => c.currency === code);

describe('KPIs for a period', () => {
  it('compute each KPI of the euro receivables as worked out by hand', async () => {
    const res = await acme.api('GET', `/api/v1/insight/kpis/period?${quarter}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const eur = inCurrency(res.body, 'EUR');
    // Beginning (31 March): 100,000 + 50,000. Sales: 200,000 + 300,000 + 150,000.
    // Ending (30 June): 50,000 (i2) + 50,000 (i3) + 300,000 (i4, not due).
    expect(eur.receivables).toEqual({
      beginning: 150_000,
      ending: 400_000,
      endingCurrent: 300_000,
      endingPastDue: 100_000,
    });
    expect(eur.creditSales).toBe(650_000);
    expect(eur.days).toBe(91);
    expect(eur.dso).toBe(56); // 400,000 / 650,000 × 91
    expect(eur.bestPossibleDso).toBe(42); // 300,000 / 650,000 × 91
    expect(eur.averageDaysDelinquent).toBe(14); // 56 − 42
    expect(eur.cei).toBe(80); // (150,000 + 650,000 − 400,000) / (150,000 + 650,000 − 300,000) × 100
    expect(eur.overdueShare).toBe(25); // 100,000 / 400,000
    // Count back from 30 June: June sold 300,000 (30 days, 100,000 left), May 150,000 (31 days):
    // 30 + 100,000 / 150,000 × 31 = 50.67.
    expect(eur.countBackDso).toBe(50.7);
    expect(eur.countBackExhausted).toBe(false);
  });

  it('keep each currency apart', async () => {
    const res = await acme.api('GET', `/api/v1/insight/kpis/period?${quarter}`);
    expect(res.body.currencies.map((c: Json) => c.currency)).toEqual(['EUR', 'USD']);
    const usd = inCurrency(res.body, 'USD');
    expect(usd.receivables.ending).toBe(10_000);
    expect(usd.dso).toBe(91); // 10,000 / 10,000 × 91
    expect(usd.averageDaysDelinquent).toBe(0);
    expect(usd.cei).toBeNull(); // (0 + 10,000 − 10,000) / (0 + 10,000 − 10,000): nothing was collectable
    expect(usd.countBackDso).toBe(30); // June's sales cover it all
  });

  it('add the currencies only when converted, at the rate valid on the last day', async () => {
    await acme.api('PUT', '/api/v1/insight/rates', {
      rates: [{ currency: 'USD', toCurrency: 'EUR', validFrom: '2026-01-01', rate: 0.9 }],
    });
    const res = await acme.api('GET', `/api/v1/insight/kpis/period?${quarter}&convertTo=EUR`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.conversion.rates).toEqual([{ currency: 'USD', rate: 0.9, validFrom: '2026-01-01' }]);
    const [all] = res.body.currencies;
    // USD 10,000 × 0.9 = 9,000 joins: ending 409,000 (current 309,000), sales 659,000.
    expect(all.receivables.ending).toBe(409_000);
    expect(all.creditSales).toBe(659_000);
    expect(all.dso).toBe(56.5); // 409,000 / 659,000 × 91 = 56.48
    expect(all.bestPossibleDso).toBe(42.7); // 309,000 / 659,000 × 91 = 42.67
  });

  it('count promises kept and disputes with their age', async () => {
    const res = await acme.api('GET', `/api/v1/insight/kpis/period?${quarter}`);
    // 20 April and 1 June kept, 10 May broken; 5 July is after the quarter, the cancelled one has no outcome.
    expect(res.body.promises).toEqual({ kept: 2, broken: 1, keptRate: 66.7 });
    // Opened 10 April (resolved 30 April: 20 days), 31 May and 20 June (open on 30 June: 30 and 10 days).
    expect(res.body.disputes).toEqual({
      opened: 3,
      resolved: 1,
      averageDaysToResolve: 20,
      open: 2,
      averageOpenAgeDays: 20,
    });
  });

  it('narrow to a collector’s debtors', async () => {
    const res = await acme.api('GET', `/api/v1/insight/kpis/period?${quarter}&collector=usr_ben`);
    const eur = inCurrency(res.body, 'EUR');
    // Ben: 150,000 sold in May and paid in June; nothing open at either end.
    expect(eur.receivables).toEqual({ beginning: 0, ending: 0, endingCurrent: 0, endingPastDue: 0 });
    expect([eur.dso, eur.bestPossibleDso, eur.cei, eur.overdueShare]).toEqual([0, 0, 100, null]);
    expect(res.body.promises.kept + res.body.promises.broken).toBe(0);
    expect(res.body.disputes.opened).toBe(0);
  });

  it('refuse a period that ends before it starts', async () => {
    const res = await acme.api('GET', '/api/v1/insight/kpis/period?from=2026-07-01&to=2026-06-30');
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/from/);
  });
});
