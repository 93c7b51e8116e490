import { currencyDecimals } from '@kredo/sdk';
import { InvalidValueError, quote } from './errors.ts';
import { isCurrencyCode, notACurrency } from './iso-codes.ts';

/** Number of decimals in a currency's minor unit (the SDK's table, which plugins use too); an unknown code is refused. */
export function currencyExponent(code: string): number {
  const upper = code.toUpperCase();
  if (!isCurrencyCode(upper)) {
    throw new InvalidValueError('invalid_currency', notACurrency(code));
  }
  return currencyDecimals(upper);
}

export interface AmountOptions {
  /**
   * The decimal separator, when the source fixes it (XML is always '.'). Left out, it is read from the
   * value itself, and a value that could be read both ways ("1.500" in euros) is rejected.
   */
  decimalSeparator?: '.' | ',';
}

const SPACES = /[\u00a0\u202f]/g;
const AMOUNT_CHARS = /^[0-9.,' ]+$/;
const DIGITS = /^[0-9]*$/;

/**
 * Reads a decimal amount as text into signed integer minor units of `currency`, without floating point:
 * "1.234,56", "1,234.56", "1 234,56", "-12.50" and SAP's trailing minus "12,50-" all work. Decimals beyond
 * the currency's exponent are accepted only when they are zeros ("18.150" EUR is 1815 cents).
 */
export function parseAmount(text: string, currency: string, options: AmountOptions = {}): number {
  const exponent = currencyExponent(currency);
  const fail = (why: string) => new InvalidValueError('invalid_amount', `amount ${quote(text)} ${why}`);

  let body = text.trim().replace(SPACES, ' ');
  let negative = false;
  if (body.startsWith('-') || body.startsWith('+')) {
    negative = body.startsWith('-');
    body = body.slice(1).trimStart();
  } else if (body.endsWith('-')) {
    negative = true;
    body = body.slice(0, -1).trimEnd();
  }
  if (!AMOUNT_CHARS.test(body) || !/[0-9]/.test(body)) throw fail('is not a number');

  const decimal = options.decimalSeparator ?? guessDecimalSeparator(body, exponent, fail);
  const point = decimal === undefined ? -1 : body.lastIndexOf(decimal);
  const integerPart = point === -1 ? body : body.slice(0, point);
  let fraction = point === -1 ? '' : body.slice(point + 1);
  if (!DIGITS.test(fraction) || (decimal !== undefined && integerPart.includes(decimal))) {
    throw fail('has a misplaced separator');
  }

  const integer = ungroup(integerPart);
  if (integer === undefined) throw fail('has misplaced thousands separators');

  if (fraction.length > exponent) {
    if (/[^0]/.test(fraction.slice(exponent))) {
      throw fail(`has ${fraction.length} decimals where ${currency.toUpperCase()} has ${exponent}`);
    }
    fraction = fraction.slice(0, exponent);
  }
  const minor = Number(`${integer}${fraction.padEnd(exponent, '0')}`);
  if (!Number.isSafeInteger(minor)) throw fail('is too large');
  return negative && minor !== 0 ? -minor : minor;
}

/**
 * Which of '.' and ',' is the decimal separator, or undefined for a whole number. The last of two
 * different separators is the decimal one; a separator that repeats groups thousands. A single one
 * followed by exactly three digits is ambiguous, settled only by the currency: thousands for a currency
 * without decimals, decimals for one with three.
 */
function guessDecimalSeparator(
  body: string,
  exponent: number,
  fail: (why: string) => InvalidValueError,
): '.' | ',' | undefined {
  const dot = body.lastIndexOf('.');
  const comma = body.lastIndexOf(',');
  if (dot === -1 && comma === -1) return undefined;
  if (dot !== -1 && comma !== -1) return dot > comma ? '.' : ',';
  const separator = dot === -1 ? ',' : '.';
  const at = Math.max(dot, comma);
  if (body.indexOf(separator) !== at) return undefined;
  const before = body.slice(0, at);
  if (body.length - at - 1 !== 3 || /[' ]/.test(before) || /^0*$/.test(before)) return separator;
  if (exponent >= 3) return separator;
  if (exponent === 0) return undefined;
  throw fail(
    `is ambiguous (a thousands separator or a decimal one?): write amounts with ${exponent} decimals`,
  );
}

/** The digits of an integer part, checking that any thousands separators sit every three digits. */
function ungroup(part: string): string | undefined {
  if (DIGITS.test(part)) return part;
  const separator = /[^0-9]/.exec(part)?.[0] as string;
  const groups = part.split(separator);
  const [head, ...rest] = groups;
  if (head === undefined || head.length < 1 || head.length > 3 || !DIGITS.test(head)) return undefined;
  for (const group of rest) if (group.length !== 3 || !DIGITS.test(group)) return undefined;
  return groups.join('');
}
