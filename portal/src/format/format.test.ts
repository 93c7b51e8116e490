import { describe, expect, it } from 'vitest';
import { addDays, formatDate } from './date.ts';
import { formatMoney } from './money.ts';

// Intl writes a no-break space (U+00A0 or U+202F) between amount and symbol in some locales.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatMoney', () => {
  it('writes minor units in the locale, with the currency’s own decimals', () => {
    expect(plain(formatMoney(123_456, 'EUR', 'nl'))).toBe('€ 1.234,56');
    expect(plain(formatMoney(123_456, 'EUR', 'de'))).toBe('1.234,56 €');
    expect(plain(formatMoney(123_456, 'EUR', 'fr'))).toBe('1 234,56 €');
    expect(formatMoney(123_456, 'USD', 'en')).toBe('$1,234.56');
    expect(formatMoney(1234, 'JPY', 'en')).toBe('¥1,234');
    // ISO 4217's decimals, as core counts minor units, where CLDR (Intl) would write none.
    expect(plain(formatMoney(1_234_567, 'IQD', 'en'))).toBe('IQD 1,234.567');
  });
});

describe('formatDate', () => {
  it('writes a calendar date in the locale, the same day in every time zone', () => {
    expect(formatDate('2026-12-07', 'en')).toBe('Dec 7, 2026');
    expect(formatDate('2026-12-07', 'nl')).toBe('7 dec 2026');
    expect(formatDate('2026-01-01', 'de')).toBe('01.01.2026');
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
