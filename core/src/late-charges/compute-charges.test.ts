import { describe, expect, it } from 'vitest';
import { allocateWithCharges, claimOf } from './allocate-with-charges.ts';
import { type ChargeableInvoice, type ChargesInput, computeCharges } from './compute-charges.ts';
import { RateMissingError } from './rate-table.ts';
import { STATUTORY_COMMERCIAL_RATES, STATUTORY_RATES } from './statutory-rates.ts';

const rates = { statutory_commercial: STATUTORY_COMMERCIAL_RATES, statutory: STATUTORY_RATES };
const doc = (number: string, dueDate: string, openAmount: number, currency = 'EUR'): ChargeableInvoice => ({
  id: `inv_${number}`,
  number,
  dueDate,
  openAmount,
  currency,
});
/** Intl writes narrow and non-breaking spaces; the expectations use plain ones. */
const plain = (lines: string[]) => lines.map((line) => line.replace(/[\u00a0\u202f]/g, ' '));

// The worked example of docs/dunning.md: one B2B invoice of EUR 10,000.00 due 31 May 2024, statutory
// commercial interest and the EU fixed compensation, on 15 August 2025.
const business: ChargesInput = {
  debtorType: 'b2b',
  policy: { interest: 'statutory_commercial', compensation: 'eu_fixed' },
  invoices: [doc('2024-017', '2024-05-31', 1_000_000)],
  noticeSentOn: null,
  asOf: '2025-08-15',
  rates,
};

// A consumer: A 1,500.00 due 31 March 2024, credit note C −200.00, B 2,000.00 due 30 September 2024,
// D 500.00 not yet due; the 14-day letter went out on Tuesday 1 October 2024. The strategy asks for
// the commercial rate and the EU sum, which consumers are never charged.
const consumer: ChargesInput = {
  debtorType: 'b2c',
  policy: { interest: 'statutory_commercial', compensation: 'eu_fixed' },
  invoices: [
    doc('A', '2024-03-31', 150_000),
    doc('C', '2024-04-15', -20_000),
    doc('B', '2024-09-30', 200_000),
    doc('D', '2025-01-15', 50_000),
  ],
  noticeSentOn: '2024-10-01',
  asOf: '2024-12-31',
  rates,
};

describe('computeCharges for a business', () => {
  it('charges statutory commercial interest and €40 per invoice, with how it was computed', () => {
    // Interest: 142,704 (interest.test.ts works it out); compensation 4,000;
    // total 1,000,000 + 142,704 + 4,000 = 1,146,704.
    const result = computeCharges(business);
    expect(result.totals).toEqual({
      principal: 1_000_000,
      interest: 142_704,
      compensation: 4_000,
      total: 1_146_704,
    });
    expect(result.invoices[0]).toMatchObject({
      status: 'charged',
      principal: 1_000_000,
      compensation: 4_000,
    });
    expect(plain(result.explanation)).toEqual([
      'Invoice 2024-017, due 31 May 2024: €10,000.00 overdue.',
      'Statutory commercial interest (art. 6:119a Dutch Civil Code): €1,427.04',
      '1 June 2024 – 30 June 2024: 30 days × 12.50% a year × €10,000.00 / 365 = €102.74',
      '1 July 2024 – 31 December 2024: 184 days × 12.25% a year × €10,000.00 / 365 = €617.53',
      '1 January 2025 – 31 May 2025: 151 days × 11.15% a year × €10,000.00 / 365 = €461.27',
      "On 31 May 2025 the year's interest of €1,181.54 is added to the principal.",
      '1 June 2025 – 30 June 2025: 30 days × 11.15% a year × €11,181.54 / 365 = €102.47',
      '1 July 2025 – 15 August 2025: 46 days × 10.15% a year × €11,181.54 / 365 = €143.03',
      'Fixed compensation for recovery costs (Directive 2011/7/EU): 1 × €40.00 = €40.00',
      'Total: €10,000.00 principal + €1,427.04 interest + €40.00 costs = €11,467.04',
    ]);
  });

  it('speaks Dutch, German and French', () => {
    const line = (language: 'nl' | 'de' | 'fr', i: number) =>
      plain(computeCharges({ ...business, language }).explanation)[i];
    expect(line('nl', 1)).toBe('Wettelijke handelsrente (art. 6:119a BW): € 1.427,04');
    expect(line('nl', 9)).toBe(
      'Totaal: € 10.000,00 hoofdsom + € 1.427,04 rente + € 40,00 kosten = € 11.467,04',
    );
    expect(line('de', 2)).toBe(
      '1. Juni 2024 – 30. Juni 2024: 30 Tage × 12,50 % pro Jahr × 10.000,00 € / 365 = 102,74 €',
    );
    expect(line('fr', 1)).toBe(
      'Intérêts légaux commerciaux (art. 6:119a du Code civil néerlandais) : 1 427,04 €',
    );
  });

  it('applies the WIK scale to a claim over €200,000 when the terms say so', () => {
    // Two invoices of 125,000.00 due 31 December 2025, on 1 January 2026 (one day of interest):
    // WIK on 250,000.00 = 375 + 250 + 250 + 1,900 + 0.5 % of 50,000 (250) = 3,025.00.
    // Interest per invoice: 12,500,000 × 10.15 % × 1 / 365 = 1,268,750 / 365 = 3,476.03 → 3,476.
    const result = computeCharges({
      ...business,
      policy: { interest: 'statutory_commercial', compensation: 'wik' },
      invoices: [doc('X1', '2025-12-31', 12_500_000), doc('X2', '2025-12-31', 12_500_000)],
      asOf: '2026-01-01',
    });
    expect(result.compensation).toMatchObject({ kind: 'wik', amount: 302_500 });
    expect(result.invoices.map((i) => [i.interest.amount, i.compensation])).toEqual([
      [3_476, 0],
      [3_476, 0],
    ]);
    expect(result.totals.total).toBe(25_000_000 + 6_952 + 302_500);
  });

  it('charges nothing when credit notes cover the overdue invoices', () => {
    const result = computeCharges({
      ...business,
      invoices: [doc('I', '2025-01-31', 30_000), doc('CN', '2025-02-10', -50_000), doc('Z', '2025-03-31', 0)],
    });
    expect(result.invoices.map((i) => i.status)).toEqual(['credited', 'credit_note', 'settled']);
    expect(result.totals).toEqual({ principal: 0, interest: 0, compensation: 0, total: 0 });
  });

  it('computes in a currency with 0 or 3 decimals, without the euro-only compensation', () => {
    // ¥365,000 at a fixed 10 % for 1 day: 365,000 × 10 % / 365 = 100 yen.
    const yen = computeCharges({
      ...business,
      policy: { interest: { fixedRatePercent: 10 }, compensation: 'eu_fixed' },
      invoices: [doc('J', '2025-03-02', 365_000, 'JPY')],
      asOf: '2025-03-03',
    });
    expect(yen.totals).toEqual({ principal: 365_000, interest: 100, compensation: 0, total: 365_100 });
    expect(yen.compensation.withheld).toBe('currency');
    expect(plain(yen.explanation)).toContain(
      '3 March 2025 – 3 March 2025: 1 day × 10.00% a year × JP¥365,000 / 365 = JP¥100',
    );
    expect(plain(yen.explanation)).toContain(
      'No compensation for collection costs in JPY: the statutory amounts are in euros.',
    );
    // KWD 3.650 (3,650 fils) at 10 % for all of 2025 (365 days): 3,650 × 10 % = 365 fils.
    const dinar = computeCharges({
      ...business,
      policy: { interest: { fixedRatePercent: 10 }, compensation: 'wik' },
      invoices: [doc('K', '2024-12-31', 3_650, 'KWD')],
      asOf: '2025-12-31',
    });
    expect(dinar.totals.interest).toBe(365);
    expect(plain(dinar.explanation).at(-1)).toBe(
      'Total: KWD 3.650 principal + KWD 0.365 interest + KWD 0.000 costs = KWD 4.015',
    );
  });

  it('refuses documents in two currencies and names a missing half-year', () => {
    expect(() =>
      computeCharges({
        ...business,
        invoices: [doc('E', '2025-01-31', 100), doc('U', '2025-01-31', 100, 'USD')],
      }),
    ).toThrow(/one currency/);
    expect(() => computeCharges({ ...business, asOf: '2026-07-01' })).toThrow(RateMissingError);
  });
});

describe('computeCharges for a consumer', () => {
  it('charges the consumer rate, deducts credit notes, and the WIK scale once the 14-day term has passed', () => {
    // Credit note C (200.00) is deducted from A, the oldest: A's principal is 1,300.00. Rate 7 % (2024).
    //   A: 1 Apr–30 Jun 2024  91 d × 7 % × 130,000 / 365 = 828,100 / 365 = 2,268.77 → 2,269
    //      1 Jul–31 Dec 2024 184 d × 7 % × 130,000 / 365 = 1,674,400 / 365 = 4,587.40 → 4,587  (6,856)
    //   B: 1 Oct–31 Dec 2024  92 d × 7 % × 200,000 / 365 = 1,288,000 / 365 = 3,528.77 → 3,529
    //   Letter sent Tue 1 Oct → received Wed 2 Oct → 14 days to Wed 16 Oct → chargeable Thu 17 Oct.
    //   WIK on A + B = 3,300.00 (both overdue on 1 Oct): 15 % of 2,500 = 375 + 10 % of 800 = 80 → 455.00
    //   total 330,000 + 10,385 + 45,500 = 385,885
    const result = computeCharges(consumer);
    expect(result.interestBasis).toEqual({ kind: 'statutory', compound: true, consumerRate: true });
    expect(result.invoices.map((i) => [i.number, i.status, i.principal, i.interest.amount])).toEqual([
      ['A', 'charged', 130_000, 6_856],
      ['C', 'credit_note', 0, 0],
      ['B', 'charged', 200_000, 3_529],
      ['D', 'not_due', 0, 0],
    ]);
    expect(result.compensation).toMatchObject({
      kind: 'wik',
      amount: 45_500,
      chargeableFrom: '2024-10-17',
      consumerScale: true,
    });
    expect(result.totals).toEqual({
      principal: 330_000,
      interest: 10_385,
      compensation: 45_500,
      total: 385_885,
    });
    expect(plain(result.explanation).slice(0, 3)).toEqual([
      'As you are a consumer, the statutory rate for consumers applies.',
      'Invoice A, due 31 March 2024: €1,500.00 overdue.',
      'Credit notes deducted: €200.00; charged on €1,300.00.',
    ]);
  });

  it('allocates a payment of the whole to costs, interest, then principal', () => {
    // 500.00 against the claim above: WIK 455.00, A's interest 68.56 → only 45.00 of it.
    const split = allocateWithCharges(500_00, claimOf(computeCharges(consumer)));
    expect(split.lines).toEqual([
      { invoiceId: null, part: 'costs', amount: 455_00 },
      { invoiceId: 'inv_A', part: 'interest', amount: 45_00 },
    ]);
  });

  it('withholds costs while the term runs, without a letter, and for invoices the letter did not cover', () => {
    const running = computeCharges({ ...consumer, asOf: '2024-10-16' });
    expect(running.compensation).toMatchObject({
      amount: 0,
      withheld: 'notice_term_running',
      chargeableFrom: '2024-10-17',
    });
    expect(plain(running.explanation)).toContain(
      'No collection costs yet: they may be charged from 17 October 2024.',
    );
    expect(computeCharges({ ...consumer, noticeSentOn: null }).compensation).toMatchObject({
      amount: 0,
      withheld: 'no_notice',
    });
    // A letter sent on 30 September covers A only (B was due that day): WIK on 1,300.00 = 195.00.
    // Sent Mon 30 Sep → received Tue 1 Oct → chargeable Wed 16 Oct.
    expect(computeCharges({ ...consumer, noticeSentOn: '2024-09-30' }).compensation).toMatchObject({
      amount: 195_00,
      chargeableFrom: '2024-10-16',
    });
  });
});
