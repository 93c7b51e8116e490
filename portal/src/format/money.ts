import { currencyDecimals } from '@kredo/sdk';

/**
 * An amount in minor units (cents) of `currency`, written for `locale`. The number of decimals is
 * ISO 4217's, as core counts minor units (@kredo/sdk's table), not Intl's: CLDR writes the Iraqi
 * dinar without decimals, where ISO and core count thousandths.
 */
export function formatMoney(minorUnits: number, currency: string, locale: string): string {
  const decimals = currencyDecimals(currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(minorUnits / 10 ** decimals);
}
