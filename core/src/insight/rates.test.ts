import { describe, expect, it } from 'vitest';
import { type Conversion, convertMinor, minorDigits } from './rates.ts';

const toEur: Conversion = {
  to: 'EUR',
  on: '2026-06-30',
  rates: [
    { currency: 'USD', rate: 0.9, validFrom: '2026-06-01' },
    { currency: 'JPY', rate: 0.0062, validFrom: '2026-06-01' },
  ],
};

describe('converting minor units', () => {
  it('applies the rate and each currency’s minor digits, rounding half away from zero', () => {
    expect(convertMinor(12_345, 'USD', toEur)).toBe(11_111); // 123.45 USD × 0.9 = 111.105 EUR → 111.11
    expect(convertMinor(-12_345, 'USD', toEur)).toBe(-11_111);
    expect(convertMinor(10_000, 'JPY', toEur)).toBe(6_200); // ¥10,000 × 0.0062 = 62.00 EUR
    expect(convertMinor(500, 'EUR', toEur)).toBe(500);
    expect([minorDigits('EUR'), minorDigits('JPY')]).toEqual([2, 0]);
  });
});
