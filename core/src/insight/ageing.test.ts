import { describe, expect, it } from 'vitest';
import { createTestApi, type Json } from '../app/test-api.ts';
import { tenantEm } from '../db/tenant-scope.ts';
import { newId } from '../shared/ids.ts';
import { insightLedger } from './test-insight-ledger.ts';

const { db, newTenant, caller } = await createTestApi();
const acme = await newTenant('Ageing BV');
const other = await newTenant('Elsewhere BV');
const ledger = insightLedger(acme.api, acme.administrationId);

// A ledger aged by hand on 30 June 2026. Days past due = 30 June − due date.
const alice = await ledger.debtor('Alice', 'usr_alice');
const bob = await ledger.debtor('Bob', 'usr_bob');
await ledger.invoice(alice, 100_000, '2026-06-01', '2026-07-10'); // −10 days: not due
await ledger.invoice(alice, 200_000, '2026-06-01', '2026-06-30'); //   0 days: not due (due today)
await ledger.invoice(alice, 50_000, '2026-05-01', '2026-06-29'); //    1 day: 1–30
const f4 = await ledger.invoice(alice, 30_000, '2026-05-01', '2026-05-31'); // 30 days: 1–30, 10,000 paid on 20 June
await ledger.invoice(alice, 40_000, '2026-04-01', '2026-05-30'); //   31 days: 31–60
await ledger.invoice(alice, 70_000, '2026-03-01', '2026-04-01'); //   90 days: 61–90
await ledger.invoice(alice, 25_000, '2026-03-01', '2026-03-31'); //   91 days: 91+
const f10 = await ledger.invoice(alice, 60_000, '2026-05-15', '2026-06-15'); // 15 days: 1–30, paid in full on 2 July
await ledger.invoice(alice, 8_000, '2026-07-05', '2026-08-04'); // issued after 30 June: not there yet
await ledger.invoice(alice, -5_000, '2026-06-10', '2026-06-10'); // a credit note: apart from the buckets
await ledger.invoice(bob, 12_345, '2026-05-01', '2026-06-01', 'USD'); // 29 days: 1–30, in dollars
await ledger.pay(alice, f4, 10_000, '2026-06-20');
await ledger.pay(alice, f10, 60_000, '2026-07-02');
// Another tenant's overdue invoice, which no figure of Acme's may count.
const stranger = await insightLedger(other.api, other.administrationId).debtor('Stranger');
await insightLedger(other.api, other.administrationId).invoice(stranger, 999_999, '2026-01-01', '2026-01-31');

const buckets = (currency: Json) => currency.buckets.map((b: Json) => [b.key, b.amount, b.count]);

describe('ageing', () => {
  it('puts each open invoice in its bucket on a past date, per currency, as counted by hand', async () => {
    const res = await acme.api('GET', `/api/v1/insight/ageing?asOf=2026-06-30`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.asOf).toBe('2026-06-30');
    expect(res.body.edges).toEqual([30, 60, 90]);
    const [eur, usd] = res.body.currencies;
    expect(eur.currency).toBe('EUR');
    expect(buckets(eur)).toEqual([
      ['not_due', 300_000, 2],
      ['1-30', 130_000, 3], // 50,000 + (30,000 − 10,000) + 60,000 (paid only after 30 June)
      ['31-60', 40_000, 1],
      ['61-90', 70_000, 1],
      ['91+', 25_000, 1],
    ]);
    expect(eur.total).toEqual({ amount: 565_000, count: 8 });
    expect(eur.overdue).toEqual({ amount: 265_000, count: 6 });
    expect(eur.creditNotes).toEqual({ amount: -5_000, count: 1 });
    expect(usd.currency).toBe('USD');
    expect(buckets(usd)[1]).toEqual(['1-30', 12_345, 1]);
    expect(usd.total).toEqual({ amount: 12_345, count: 1 });
  });

  it('takes bucket edges per call', async () => {
    const res = await acme.api('GET', `/api/v1/insight/ageing?asOf=2026-06-30&edges=15,45`);
    expect(res.status).toBe(200);
    expect(buckets(res.body.currencies[0])).toEqual([
      ['not_due', 300_000, 2],
      ['1-15', 110_000, 2], // 1 day 50,000 + 15 days 60,000
      ['16-45', 60_000, 2], // 30 days 20,000 + 31 days 40,000
      ['46+', 95_000, 2], // 90 days 70,000 + 91 days 25,000
    ]);
  });

  it('filters per segment: the one dunning last placed the debtor in', async () => {
    // A dunning run records the segment it chose in the debtor's dunning state; written here as it writes it.
    const segmentId = newId('segment');
    await tenantEm(db.orm, acme.tenantId).execute(
      `insert into dunning_state (tenant_id, administration_id, debtor_id, episode, episode_started_on, strategy_id,
         strategy_version, segment_id) values (?, ?, ?, 1, '2026-06-02', ?, 1, ?)`,
      [acme.tenantId, acme.administrationId, bob, newId('strategy'), segmentId],
    );
    const res = await acme.api('GET', `/api/v1/insight/ageing?asOf=2026-06-30&segmentId=${segmentId}`);
    expect(res.body.currencies.map((c: Json) => [c.currency, c.total.amount])).toEqual([['USD', 12_345]]);
  });

  it('filters per collector and per debtor', async () => {
    const bobs = await acme.api('GET', `/api/v1/insight/ageing?asOf=2026-06-30&collector=usr_bob`);
    expect(bobs.body.currencies.map((c: Json) => [c.currency, c.total.amount])).toEqual([['USD', 12_345]]);
    const alices = await acme.api('GET', `/api/v1/insight/ageing?asOf=2026-06-30&debtorId=${alice}`);
    expect(alices.body.currencies.map((c: Json) => [c.currency, c.total.amount])).toEqual([['EUR', 565_000]]);
  });

  it('ages today’s open amounts on the business date when no date is given', async () => {
    // Today (December 2026 or later) every invoice above is more than 90 days past due; the one paid
    // in full has left, the one issued in July is there.
    const res = await acme.api('GET', `/api/v1/insight/ageing?administrationId=${acme.administrationId}`);
    expect(res.body.asOf).toBeNull();
    const [eur] = res.body.currencies;
    expect(eur.total).toEqual({ amount: 513_000, count: 8 });
    expect(buckets(eur).at(-1)).toEqual(['91+', 513_000, 8]);
  });

  it('converts into one currency only when asked, at the tenant’s rate valid on the date, and says so', async () => {
    const put = await acme.api('PUT', '/api/v1/insight/rates', {
      rates: [
        { currency: 'USD', toCurrency: 'EUR', validFrom: '2026-06-01', rate: 0.9 },
        { currency: 'USD', toCurrency: 'EUR', validFrom: '2026-07-01', rate: 0.95 }, // after 30 June: not used
      ],
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const res = await acme.api('GET', '/api/v1/insight/ageing?asOf=2026-06-30&convertTo=EUR');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.conversion).toEqual({
      to: 'EUR',
      on: '2026-06-30',
      rates: [{ currency: 'USD', rate: 0.9, validFrom: '2026-06-01' }],
    });
    const [all] = res.body.currencies;
    expect(res.body.currencies).toHaveLength(1);
    // USD 123.45 × 0.9 = EUR 111.105, rounded to 111.11, joins the euros' 1–30.
    expect(buckets(all)[1]).toEqual(['1-30', 141_111, 4]);
    expect(all.total).toEqual({ amount: 576_111, count: 9 });
    const perCurrency = await acme.api('GET', '/api/v1/insight/ageing?asOf=2026-06-30');
    expect(perCurrency.body.conversion).toBeNull();
    const noRate = await acme.api('GET', '/api/v1/insight/ageing?asOf=2026-06-30&convertTo=GBP');
    expect(noRate.status).toBe(400);
    expect(noRate.body.message).toMatch(/convertTo: no rate from EUR, USD to GBP valid on 2026-06-30/);
    const early = await acme.api('GET', '/api/v1/insight/ageing?asOf=2026-05-31&convertTo=EUR');
    expect(early.status).toBe(400); // no USD rate valid yet on 31 May
  });

  it('answers bad edges and filters with a 400 naming them, and needs ledger:read', async () => {
    const disordered = await acme.api('GET', '/api/v1/insight/ageing?edges=60,30');
    expect(disordered.status).toBe(400);
    expect(disordered.body.details?.field ?? disordered.body.message).toMatch(/edges\[1\]/);
    const badDate = await acme.api('GET', '/api/v1/insight/ageing?asOf=2026-02-30');
    expect(badDate.status).toBe(400);
    const noScope = await caller(acme.tenantId, ['dunning:read']);
    expect((await noScope('GET', '/api/v1/insight/ageing')).status).toBe(403);
  });
});
