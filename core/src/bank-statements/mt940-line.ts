import { InvalidValueError } from '../imports/index.ts';
import { bankAmount } from './bank-amount.ts';
import { isCalendarDate } from './calendar-date.ts';
import type { CreditDebit } from './statement-rows.ts';

/** An MT940 `:61:` statement line, read. */
export interface Mt940Line {
  valueDate: string;
  bookingDate: string;
  creditDebit: CreditDebit;
  reversal: boolean;
  amount: number;
  amountText: string;
  /** `NTRF`, `N541`: the transaction type identification code. */
  typeCode: string;
  /** Reference for the account owner; null for NONREF. */
  customerRef: string | null;
  /** The bank's own reference (after `//`), if any. */
  bankRef: string | null;
  /** Subfield 9, the line after: Rabobank puts the counterparty's IBAN there, ING `/TRCD/…/`. */
  supplementary: string | null;
}

// value date YYMMDD, entry date MMDD, mark C/D/RC/RD, funds code, amount, type, references. The
// type's three characters may be spaces (Sberbank's `S   `); Deutsche Bank and Commerzbank put a
// space before the type.
const LINE = /^(\d{6})(\d{4})?(RC|RD|C|D)([A-Z])?(\d[\d,.]*) ?([NFS][A-Z0-9 ]{3})(.*?)(?:\/\/(.*))?$/;
// Zenith Bank's layout: no type code (mandatory in SWIFT's) and no customer reference, only the bank's.
const LINE_WITHOUT_TYPE = /^(\d{6})(\d{4})?(RC|RD|C|D)([A-Z])?(\d[\d,.]*)()()(?:\/\/(.*))?$/;

/** Reads a `:61:` field; throws InvalidValueError naming the subfield that is wrong. */
export function readMt940Line(lines: string[], currency: string): Mt940Line {
  const first = (lines[0] ?? '').trim();
  const match = LINE.exec(first) ?? LINE_WITHOUT_TYPE.exec(first);
  if (!match) {
    throw new InvalidValueError(
      'invalid_value',
      `":61:${first.slice(0, 40)}" is not a statement line (value date, D/C mark, amount, type code)`,
      ':61:',
    );
  }
  const [, valueText, entryText, mark, , amountText, typeCode = '', customer, bank] =
    match as unknown as string[];
  const valueDate = yymmdd(valueText as string);
  const { amount, amountText: exact } = amountOf(amountText as string, currency);
  const reversal = mark === 'RC' || mark === 'RD';
  const supplementary = lines.slice(1).join('').trim();
  return {
    valueDate,
    bookingDate: entryText ? entryDate(entryText, valueDate) : valueDate,
    // A reversal of a credit is money going out again; of a debit, money coming back.
    creditDebit: mark === 'C' || mark === 'RD' ? 'credit' : 'debit',
    reversal,
    amount,
    amountText: exact,
    typeCode: (typeCode as string).trim(),
    customerRef: customer && customer !== 'NONREF' ? customer : null,
    bankRef: bank?.trim() && bank.trim() !== 'NONREF' ? bank.trim() : null,
    supplementary: supplementary === '' ? null : supplementary,
  };
}

function amountOf(text: string, currency: string) {
  try {
    return mt940Amount(text, currency);
  } catch (error) {
    if (error instanceof InvalidValueError)
      throw new InvalidValueError('invalid_amount', error.message, ':61:');
    throw error;
  }
}

/**
 * An MT940 amount: SWIFT writes the decimal comma (`1234,5`), but Rabobank's old 940A export and
 * Standard Bank's GBP statements write a point (`000000002145.00`). One of them, never both.
 */
export function mt940Amount(text: string, currency: string) {
  if (text.includes(',') && text.includes('.')) {
    throw new InvalidValueError('invalid_amount', `amount "${text}" has both a decimal comma and a point`);
  }
  return bankAmount(text, currency, text.includes('.') ? '.' : ',');
}

/**
 * `261215` → `2026-12-15`: MT940 years are two digits, read in this century. German savings banks
 * date quarterly interest on the 30th of February (a 360-day year's month end): the 29th or 30th of
 * February in a year without it is read as February's last day, as python-mt940 reads it.
 */
export function yymmdd(text: string, field = ':61:'): string {
  const date = februaryEnd(`20${text.slice(0, 2)}-${text.slice(2, 4)}-${text.slice(4, 6)}`);
  if (!/^\d{6}$/.test(text) || !isCalendarDate(date)) {
    throw new InvalidValueError('invalid_date', `"${text}" is not a date (YYMMDD)`, field);
  }
  return date;
}

/** `2026-02-29` or `2026-02-30` → `2026-02-28`; every other date as it is. */
function februaryEnd(date: string): string {
  const [year, month, day] = date.split('-');
  if (month !== '02' || (day !== '29' && day !== '30') || isCalendarDate(date)) return date;
  return isCalendarDate(`${year}-02-29`) ? `${year}-02-29` : `${year}-02-28`;
}

/** The entry (booking) date `MMDD`, in the year that puts it nearest the value date (across New Year). */
function entryDate(text: string, valueDate: string): string {
  const year = Number(valueDate.slice(0, 4));
  const candidates = [year - 1, year, year + 1].map((y) =>
    februaryEnd(`${y}-${text.slice(0, 2)}-${text.slice(2, 4)}`),
  );
  const distance = (date: string) => Math.abs(Date.parse(date) - Date.parse(valueDate));
  const valid = candidates.filter(isCalendarDate);
  const nearest = valid.sort((a, b) => distance(a) - distance(b))[0];
  if (!nearest)
    throw new InvalidValueError('invalid_date', `entry date "${text}" is not a date (MMDD)`, ':61:');
  return nearest;
}
