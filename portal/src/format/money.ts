/**
 * An amount in minor units (cents) of `currency`, written for `locale`. The currency's own number
 * of decimals comes from Intl (the yen has none), so amounts never pass through a guessed factor.
 */
export function formatMoney(minorUnits: number, currency: string, locale: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  const decimals = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minorUnits / 10 ** decimals);
}
