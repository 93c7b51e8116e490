import { currencyDecimals } from '@kredo/sdk';
import { localeOf } from '../shared/languages.ts';

/**
 * Money and dates as a reminder prints them, by Intl for the reminder's language: templates never
 * format amounts themselves. Amounts stay integers until they are text (the decimal string is built
 * from the minor units, then handed to Intl as a string, so no float rounding ever shows).
 */
export interface ReminderFormat {
  language: string;
  money(minor: number): string;
  /** A business date (YYYY-MM-DD), e.g. "7 december 2026". */
  date(isoDate: string): string;
}

export function reminderFormat(language: string, currency: string): ReminderFormat {
  // A Dutch reminder uses Dutch number and date style (shared/languages.ts).
  const locale = localeOf(language);
  const decimals = currencyDecimals(currency);
  const money = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  return {
    language,
    // Intl.NumberFormat takes a decimal string exactly (ECMA-402 v3): no division, no float.
    money: (minor) => money.format(decimalString(minor, decimals) as unknown as number),
    date: (isoDate) => date.format(new Date(`${isoDate}T00:00:00Z`)),
  };
}

/** -12345 with 2 decimals → "-123.45". */
export function decimalString(minor: number, decimals: number): string {
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(decimals + 1, '0');
  return decimals === 0
    ? `${sign}${digits}`
    : `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}
