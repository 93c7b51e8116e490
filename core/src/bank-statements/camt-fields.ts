import { child, children, InvalidValueError, textAt, type XmlElement } from '../imports/index.ts';
import { type BankAmount, bankAmount } from './bank-amount.ts';
import { isCalendarDate } from './calendar-date.ts';
import type { CreditDebit } from './statement-rows.ts';

// Readers of the small CAMT.053 structures that statements, balances and entries share. Each throws
// InvalidValueError naming the element, which the caller turns into an error for its entry.

export interface CamtAmount extends BankAmount {
  currency: string;
}

/** An `<Amt Ccy="EUR">8.85</Amt>`-shaped element, required. */
export function amountOf(element: XmlElement | undefined, field: string): CamtAmount {
  if (!element || element.text === '') throw missing(field);
  const currency = element.attributes.Ccy;
  if (!currency) throw new InvalidValueError('missing_value', `${field} has no Ccy attribute`, field);
  try {
    return { ...bankAmount(element.text, currency), currency: currency.toUpperCase() };
  } catch (error) {
    if (error instanceof InvalidValueError)
      throw new InvalidValueError('invalid_amount', error.message, field);
    throw error;
  }
}

/** `CRDT` or `DBIT`. */
export function creditDebitOf(text: string | undefined, field: string): CreditDebit {
  if (text === 'CRDT') return 'credit';
  if (text === 'DBIT') return 'debit';
  if (text === undefined) throw missing(field);
  throw new InvalidValueError('invalid_value', `${field} is "${text}", not CRDT or DBIT`, field);
}

// An ISO date, alone, with a time zone (XML Schema's date allows `2017-04-01+02:00`; Raiffeisen
// Switzerland writes it so) or starting a date-time.
const DATE = /^(\d{4}-\d{2}-\d{2})(?:$|T|Z$|[+-]\d{2}:\d{2}$)/;

/** A `DateAndDateTimeChoice` (`<Dt>` or `<DtTm>`) as the business date written; null when absent. */
export function dateOf(element: XmlElement | undefined, field: string): string | null {
  const text = textAt(element, 'Dt') ?? textAt(element, 'DtTm');
  if (text === undefined) return null;
  const date = DATE.exec(text)?.[1];
  if (!date || !isCalendarDate(date)) {
    throw new InvalidValueError('invalid_date', `${field} "${text}" is not a date`, field);
  }
  return date;
}

/** An account's id: its IBAN, or the other id the bank gives it. */
export function accountIdOf(account: XmlElement | undefined): { iban: string | null; other: string | null } {
  const iban = textAt(account, 'Id', 'IBAN');
  return {
    iban: iban ? iban.replace(/\s+/g, '').toUpperCase() : null,
    other: iban ? null : (textAt(account, 'Id', 'Othr', 'Id') ?? null),
  };
}

/** A party's name: `<Nm>` up to version 5, `<Pty><Nm>` from version 6 (Party40Choice). */
export function partyNameOf(party: XmlElement | undefined): string | null {
  return textAt(party, 'Nm') ?? textAt(party, 'Pty', 'Nm') ?? null;
}

/** An agent's BIC: `BIC` up to version 3, `BICFI` after. */
export function agentBicOf(agent: XmlElement | undefined): string | null {
  return textAt(agent, 'FinInstnId', 'BIC') ?? textAt(agent, 'FinInstnId', 'BICFI') ?? null;
}

/** `PMNT/RCDT/ESCT` from the ISO domain, family and sub-family; else the bank's proprietary code. */
export function bankTransactionCodeOf(code: XmlElement | undefined): string | null {
  const domain = child(code, 'Domn');
  if (domain) {
    return [textAt(domain, 'Cd'), textAt(domain, 'Fmly', 'Cd'), textAt(domain, 'Fmly', 'SubFmlyCd')]
      .filter(Boolean)
      .join('/');
  }
  return textAt(code, 'Prtry', 'Cd') ?? null;
}

/** The texts of every element of one name, joined by a space; null when there are none. */
export function joinedTexts(parent: XmlElement | undefined, name: string): string | null {
  const texts = children(parent, name)
    .map((element) => element.text)
    .filter((text) => text !== '');
  return texts.length === 0 ? null : texts.join(' ');
}

export function missing(field: string): InvalidValueError {
  return new InvalidValueError('missing_value', `${field} is missing`, field);
}
