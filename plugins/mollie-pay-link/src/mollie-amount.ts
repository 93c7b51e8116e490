import { currencyDecimals } from '@kredo/sdk';

/**
 * Mollie wants amounts as strings with exactly the currency's number of decimals (`"12.34"`,
 * `"1500"` for JPY); Kredo keeps integer minor units. Both directions work on digits, never floats, with
 * the SDK's ISO 4217 table of decimals.
 */

/** 1234 EUR → `"12.34"`; 1500 JPY → `"1500"`. `minor` must be a non-negative safe integer. */
export function toMollieValue(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor) || minor < 0) {
    throw new RangeError(`amount must be a non-negative integer of minor units, got ${minor}`);
  }
  const decimals = currencyDecimals(currency);
  if (decimals === 0) return String(minor);
  const digits = String(minor).padStart(decimals + 1, '0');
  return `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

/** `"12.34"` EUR → 1234; undefined when the value is not a plain decimal or has too many decimals. */
export function fromMollieValue(value: string, currency: string): number | undefined {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) return undefined;
  const decimals = currencyDecimals(currency);
  const fraction = match[2] ?? '';
  if (fraction.length > decimals) return undefined;
  const minor = Number(`${match[1]}${fraction.padEnd(decimals, '0')}`);
  return Number.isSafeInteger(minor) ? minor : undefined;
}
