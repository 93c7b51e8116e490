import { currencyExponent, InvalidValueError } from '../imports/index.ts';

export interface BankAmount {
  /** Unsigned minor units of the currency, rounded half up where the bank gave more decimals. */
  amount: number;
  /** The bank's decimal, unsigned, with `.` as separator and no leading zeros: `8.850`, `12.34567`. */
  amountText: string;
}

const DECIMAL = { '.': /^([0-9]+)(?:\.([0-9]*))?$/, ',': /^([0-9]+)(?:,([0-9]*))?$/ };

/**
 * Reads a bank's unsigned amount (CAMT `8.850`, MT940 `000150,00`: the separator says which) into
 * minor units of `currency`.
 * CAMT.053 allows five decimals where the currency has two: the minor units are then rounded half up
 * (`0.00500` EUR is 1 cent), and the exact text is kept beside them, so nothing the bank said is lost.
 */
export function bankAmount(text: string, currency: string, separator: '.' | ',' = '.'): BankAmount {
  const exponent = currencyExponent(currency);
  const match = DECIMAL[separator].exec(text.trim());
  if (!match) throw new InvalidValueError('invalid_amount', `amount "${text}" is not an unsigned decimal`);
  const integer = (match[1] as string).replace(/^0+(?=[0-9])/, '');
  const fraction = match[2] ?? '';
  const kept = fraction.slice(0, exponent).padEnd(exponent, '0');
  const roundUp = (fraction[exponent] ?? '0') >= '5';
  const minor = BigInt(`${integer}${kept}`) + (roundUp ? 1n : 0n);
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new InvalidValueError('invalid_amount', `amount "${text}" is too large`);
  }
  return { amount: Number(minor), amountText: fraction === '' ? integer : `${integer}.${fraction}` };
}
