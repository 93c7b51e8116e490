/** An amount of money: integer minor units (cents) and an ISO 4217 currency code. Never a float. */
export interface Money {
  /** Integer minor units: 12_50 is 12.50 in a currency with two decimals. */
  amount: number;
  /** ISO 4217 alphabetic code, upper case: `EUR`. */
  currency: string;
}

/** ISO 4217 currencies whose minor unit is not a hundredth, with their number of decimals. */
const DECIMALS: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

/**
 * How many decimals a currency's minor unit has (ISO 4217), and so what `Money.amount` counts: 2 for
 * EUR (cents), 0 for JPY, 3 for KWD, 4 for CLF. Any other code has 2; whether it is a currency at all
 * is for the caller to check.
 */
export function currencyDecimals(currency: string): number {
  return DECIMALS[currency.toUpperCase()] ?? 2;
}
