import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { halfYearStart } from './charge-dates.ts';
import { mergeRates, RateMissingError, rateLookup, rateThousandths } from './rate-table.ts';
import { STATUTORY_COMMERCIAL_RATES, STATUTORY_RATES } from './statutory-rates.ts';

/** Every half-year start from one to another, inclusive. */
function halfYearsBetween(from: string, to: string): string[] {
  const starts: string[] = [];
  for (let day = from; day <= to; ) {
    starts.push(day);
    day = day.endsWith('01-01') ? `${day.slice(0, 4)}-07-01` : `${Number(day.slice(0, 4)) + 1}-01-01`;
  }
  return starts;
}

describe('the shipped statutory rates', () => {
  it('hold every half-year without a gap: commercial from 1 July 2013 to 2026, consumer to 2024', () => {
    expect(STATUTORY_COMMERCIAL_RATES.map((r) => r.validFrom)).toEqual(
      halfYearsBetween('2013-07-01', '2026-01-01'),
    );
    expect(STATUTORY_RATES.map((r) => r.validFrom)).toEqual(halfYearsBetween('2013-07-01', '2024-07-01'));
  });

  it('are the ECB main refinancing rate plus 8 points for commercial transactions', () => {
    const commercial = rateLookup('statutory_commercial', STATUTORY_COMMERCIAL_RATES);
    // Spot checks against the published figures (rijksoverheid.nl, e-justice.europa.eu):
    // 8.15 % from 1 July 2014, 8.05 % in 2015, 8 % from July 2016 to 2022, 12 % from July 2023,
    // 12.50 % from January 2024, 12.25 % from July 2024.
    expect(
      ['2014-08-01', '2015-03-01', '2019-05-01', '2022-12-31', '2023-07-01', '2024-01-01', '2024-07-01'].map(
        commercial,
      ),
    ).toEqual([8_150, 8_050, 8_000, 8_000, 12_000, 12_500, 12_250]);
    for (const rate of STATUTORY_COMMERCIAL_RATES) {
      const mro = Number(/rate ([\d.]+) %/.exec(rate.basis)?.[1]);
      expect(rate.ratePercent, rate.validFrom).toBeCloseTo(mro + 8, 6);
    }
  });

  it('are 2 % for consumers from 2015 to 2022, then 4, 6 and 7 %', () => {
    const consumer = rateLookup('statutory', STATUTORY_RATES);
    expect(
      ['2014-12-31', '2015-01-01', '2022-12-31', '2023-01-01', '2023-07-01', '2024-12-31'].map(consumer),
    ).toEqual([3_000, 2_000, 2_000, 4_000, 6_000, 7_000]);
  });
});

describe('rate tables', () => {
  it('let a later table override and extend an earlier one', () => {
    const merged = mergeRates(STATUTORY_RATES, [
      { validFrom: '2024-07-01', ratePercent: 6.5 },
      { validFrom: '2025-01-01', ratePercent: 6 },
    ]);
    const consumer = rateLookup('statutory', merged);
    expect([consumer('2024-01-01'), consumer('2024-09-30'), consumer('2025-06-30')]).toEqual([
      7_000, 6_500, 6_000,
    ]);
    expect(merged.at(-1)).toEqual({ validFrom: '2025-01-01', ratePercent: 6 });
  });

  it('refuse a half-year they do not hold, a start that is not 1 January or 1 July, and a fourth decimal', () => {
    const consumer = rateLookup('statutory', STATUTORY_RATES);
    expect(() => consumer('2025-02-01')).toThrow(RateMissingError);
    expect(() => consumer('2013-06-30')).toThrow(/half-year starting 2013-01-01/);
    expect(() => rateLookup('statutory', [{ validFrom: '2025-02-01', ratePercent: 4 }])).toThrow(
      /1 January or 1 July/,
    );
    expect(rateThousandths(10.15)).toBe(10_150);
    expect(() => rateThousandths(10.1505)).toThrow(RangeError);
    expect(() => rateThousandths(-1)).toThrow(RangeError);
    expect(halfYearStart('2025-06-30')).toBe('2025-01-01');
    expect(halfYearStart('2025-07-01')).toBe('2025-07-01');
  });
});

describe('docs/dunning.md', () => {
  it('prints the shipped table as the code holds it', () => {
    const doc = readFileSync(fileURLToPath(new URL('../../../docs/dunning.md', import.meta.url)), 'utf8');
    // Rows derived from the ECB rate alone, not checked against a Dutch publication, carry a dagger.
    const unchecked = new Set(['2025-01-01', '2025-07-01', '2026-01-01']);
    const percent = (rate: number | undefined) => (rate === undefined ? '—' : `${rate.toFixed(2)} %`);
    const rows = STATUTORY_COMMERCIAL_RATES.map((rate) => {
      const consumer = STATUTORY_RATES.find((r) => r.validFrom === rate.validFrom)?.ratePercent;
      const ecb = rate.basis.replace('ECB main refinancing rate ', '').replace(' + 8 points', '');
      const dagger = unchecked.has(rate.validFrom) ? ' †' : '';
      return `| ${rate.validFrom} | ${percent(rate.ratePercent)}${dagger} | ${ecb} | ${percent(consumer)} |`;
    });
    expect(doc).toContain(rows.join('\n'));
    expect(
      STATUTORY_RATES.every((r) => STATUTORY_COMMERCIAL_RATES.some((c) => c.validFrom === r.validFrom)),
    ).toBe(true);
  });
});
