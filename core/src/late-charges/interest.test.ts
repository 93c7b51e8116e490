import { describe, expect, it } from 'vitest';
import { computeInterest } from './interest.ts';
import { rateLookup } from './rate-table.ts';
import { STATUTORY_COMMERCIAL_RATES } from './statutory-rates.ts';

const commercial = rateLookup('statutory_commercial', STATUTORY_COMMERCIAL_RATES);
const fixed = (percent: number) => () => Math.round(percent * 1000);

describe('computeInterest', () => {
  it('splits at half-years and compounds after a year, as the worked example in docs/dunning.md', () => {
    // EUR 10,000.00 due 31 May 2024, statutory commercial interest to 15 August 2025.
    // Interest runs from 1 June 2024; the first year ends 31 May 2025.
    //   1 Jun–30 Jun 2024   30 d × 12.50 % × 1,000,000 / 365 = 3,750,000 / 365 = 10,273.97 → 10,274
    //   1 Jul–31 Dec 2024  184 d × 12.25 % × 1,000,000 / 365 = 22,540,000 / 365 = 61,753.42 → 61,753
    //   1 Jan–31 May 2025  151 d × 11.15 % × 1,000,000 / 365 = 16,836,500 / 365 = 46,127.40 → 46,127
    //   year 1: 10,274 + 61,753 + 46,127 = 118,154; the base becomes 1,118,154
    //   1 Jun–30 Jun 2025   30 d × 11.15 % × 1,118,154 / 365 = 3,740,225.13 / 365 = 10,247.19 → 10,247
    //   1 Jul–15 Aug 2025   46 d × 10.15 % × 1,118,154 / 365 = 5,220,661.03 / 365 = 14,303.18 → 14,303
    //   total 118,154 + 10,247 + 14,303 = 142,704 (EUR 1,427.04)
    const result = computeInterest({
      principal: 1_000_000,
      from: '2024-06-01',
      asOf: '2025-08-15',
      rateOn: commercial,
      compound: true,
    });
    expect(
      result.periods.map((p) => [p.from, p.to, p.days, p.ratePercent, p.base, p.amount, p.compounds]),
    ).toEqual([
      ['2024-06-01', '2024-06-30', 30, 12.5, 1_000_000, 10_274, false],
      ['2024-07-01', '2024-12-31', 184, 12.25, 1_000_000, 61_753, false],
      ['2025-01-01', '2025-05-31', 151, 11.15, 1_000_000, 46_127, true],
      ['2025-06-01', '2025-06-30', 30, 11.15, 1_118_154, 10_247, false],
      ['2025-07-01', '2025-08-15', 46, 10.15, 1_118_154, 14_303, false],
    ]);
    expect(result.amount).toBe(142_704);
  });

  it('does not compound a simple interest', () => {
    // The same claim without compounding: the last two stretches on 1,000,000.
    //   1 Jun–30 Jun 2025   30 d × 11.15 % × 1,000,000 / 365 = 3,345,000 / 365 = 9,164.38 → 9,164
    //   1 Jul–15 Aug 2025   46 d × 10.15 % × 1,000,000 / 365 = 4,669,000 / 365 = 12,791.78 → 12,792
    //   1 Jan–30 Jun 2025 is one stretch: 181 d × 11.15 % × 1,000,000 / 365 = 20,181,500 / 365 = 55,291.78 → 55,292
    //   total 10,274 + 61,753 + 55,292 + 12,792 = 140,111
    const result = computeInterest({
      principal: 1_000_000,
      from: '2024-06-01',
      asOf: '2025-08-15',
      rateOn: commercial,
      compound: false,
    });
    expect(result.periods.map((p) => p.amount)).toEqual([10_274, 61_753, 55_292, 12_792]);
    expect(result.amount).toBe(140_111);
  });

  it('counts a leap year 366 days over 365', () => {
    // 365.00 at 8 % for all of 2024: 36,500 × 8 % × 366 / 365 = 2,920 × 366 / 365 = 2,928
    const result = computeInterest({
      principal: 36_500,
      from: '2024-01-01',
      asOf: '2024-12-31',
      rateOn: fixed(8),
      compound: false,
    });
    expect(result.periods.map((p) => p.days)).toEqual([182, 184]);
    expect(result.amount).toBe(2_928);
  });

  it('ends a year that starts on 29 February on 28 February', () => {
    // 1,000.00 at 10 % from 29 Feb 2024; year 1 = 29 Feb 2024 – 28 Feb 2025 (366 days).
    //   29 Feb–30 Jun 2024 123 d: 100,000 × 10 % × 123 / 365 = 1,230,000 / 365 = 3,369.86 → 3,370
    //    1 Jul–31 Dec 2024 184 d: 10,000 × 184 / 365 = 5,041.10 → 5,041
    //    1 Jan–28 Feb 2025  59 d: 10,000 × 59 / 365 = 1,616.44 → 1,616  (year: 10,027)
    //    1 Mar–31 Mar 2025  31 d: 110,027 × 10 % × 31 / 365 = 341,083.7 / 365 = 934.48 → 934
    const result = computeInterest({
      principal: 100_000,
      from: '2024-02-29',
      asOf: '2025-03-31',
      rateOn: fixed(10),
      compound: true,
    });
    expect(result.periods.map((p) => [p.to, p.days, p.base, p.amount])).toEqual([
      ['2024-06-30', 123, 100_000, 3_370],
      ['2024-12-31', 184, 100_000, 5_041],
      ['2025-02-28', 59, 100_000, 1_616],
      ['2025-03-31', 31, 110_027, 934],
    ]);
    expect(result.amount).toBe(10_961);
  });

  it('charges nothing on a zero or negative principal, or before interest runs', () => {
    const base = { from: '2025-01-01', asOf: '2025-06-30', rateOn: fixed(8), compound: true };
    expect(computeInterest({ ...base, principal: 0 })).toEqual({ amount: 0, periods: [] });
    expect(computeInterest({ ...base, principal: -5_000 })).toEqual({ amount: 0, periods: [] });
    expect(computeInterest({ ...base, principal: 5_000, asOf: '2024-12-31' })).toEqual({
      amount: 0,
      periods: [],
    });
  });

  it('counts one day when interest runs on the as-of date itself', () => {
    // 3,650.00 at 10 % for 1 day: 365,000 × 10 % / 365 = 100
    expect(
      computeInterest({
        principal: 365_000,
        from: '2025-03-03',
        asOf: '2025-03-03',
        rateOn: fixed(10),
        compound: true,
      }).amount,
    ).toBe(100);
  });

  it('rounds half-up once per stretch', () => {
    // 1 cent at 18.25 % for 1 day: 1 × 18.25 / 100 / 365 = 0.0005 → 0; 1,000 cents: 0.5 → 1
    expect(
      computeInterest({
        principal: 1_000,
        from: '2025-01-01',
        asOf: '2025-01-01',
        rateOn: fixed(18.25),
        compound: false,
      }).amount,
    ).toBe(1);
    expect(
      computeInterest({
        principal: 999,
        from: '2025-01-01',
        asOf: '2025-01-01',
        rateOn: fixed(18.25),
        compound: false,
      }).amount,
    ).toBe(0);
  });

  it('stays exact past 2^53 intermediate products (a claim of 90 trillion minor units)', () => {
    // 9,000,000,000,000,000 minor units of a 0-decimal currency at 12.5 % for 365 days of 2025:
    // 9e15 × 12,500 × 365 overflows a double's exact range; the answer is 9e15 × 0.125 = 1,125,000,000,000,000.
    //   Jan–Jun 181 d: 9e15 × 12,500 × 181 / 36,500,000 = 557,876,712,328,767.12 → 557,876,712,328,767
    //   Jul–Dec 184 d: 9e15 × 12,500 × 184 / 36,500,000 = 567,123,287,671,232.88 → 567,123,287,671,233
    const result = computeInterest({
      principal: 9e15,
      from: '2025-01-01',
      asOf: '2025-12-31',
      rateOn: fixed(12.5),
      compound: false,
    });
    expect(result.periods.map((p) => p.amount)).toEqual([557_876_712_328_767, 567_123_287_671_233]);
    expect(result.amount).toBe(1_125_000_000_000_000);
  });

  it('throws for a half-year the table does not hold', () => {
    expect(() =>
      computeInterest({
        principal: 100,
        from: '2026-06-01',
        asOf: '2026-07-02',
        rateOn: commercial,
        compound: true,
      }),
    ).toThrow(/statutory_commercial interest rate for the half-year starting 2026-07-01/);
  });

  it('computes eleven years of half-yearly stretches a thousand times within a second', () => {
    const started = performance.now();
    for (let i = 0; i < 1_000; i++) {
      computeInterest({
        principal: 123_456,
        from: '2015-01-01',
        asOf: '2025-12-31',
        rateOn: commercial,
        compound: true,
      });
    }
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
