import { currencyDecimals } from '@kredo/sdk';

/**
 * An amount in minor units as a person reads it in a one-line summary: `EUR 1234.50`, `JPY 500`.
 * Plain and locale-free, for text stored or logged; documents a debtor reads format by their language.
 */
export function moneyText(amount: number, currency: string): string {
  const decimals = currencyDecimals(currency);
  const sign = amount < 0 ? '-' : '';
  const units = Math.abs(amount);
  if (decimals === 0) return `${currency} ${sign}${units}`;
  const scale = 10 ** decimals;
  const whole = Math.floor(units / scale);
  const fraction = String(units % scale).padStart(decimals, '0');
  return `${currency} ${sign}${whole}.${fraction}`;
}
