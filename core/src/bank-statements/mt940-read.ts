import { IBAN_SHAPE, normaliseIban } from '../administrations/index.ts';
import { InvalidValueError } from '../imports/index.ts';
import { entryKey } from './entry-key.ts';
import { joinDetails, readMt940Details } from './mt940-details.ts';
import { type Mt940Field, mt940Fields } from './mt940-fields.ts';
import { mt940Amount, readMt940Line, yymmdd } from './mt940-line.ts';
import { emptyStatement, type ParsedEntry, type ParsedStatement, readError } from './parsed-statement.ts';
import { StatementFileError } from './statement-file-error.ts';
import type { StatementBalance } from './statement-rows.ts';

const BALANCE_TYPES: Record<string, string> = {
  '60F': 'OPBD',
  '60M': 'ITBD',
  '62F': 'CLBD',
  '62M': 'ITBD',
  '64': 'CLAV',
  '65': 'FWAV',
};

/**
 * The statements of an MT940 file: each starts at a `:20:` field. A statement without its account
 * or balances comes back with that error and no entries; a statement line that cannot be read is
 * an error naming it and its line, and the other lines are still read.
 */
export function readMt940Statements(text: string): Iterable<ParsedStatement> {
  // The fields are found at once, so a file that is not MT940 is refused before anything is stored.
  const fields = mt940Fields(text);
  const starts = fields.flatMap((field, at) => (field.tag === '20' ? [at] : []));
  if (starts.length === 0)
    throw new StatementFileError('bad_mt940', 'the file has no :20: field, so no statement');
  const tags = new Set(fields.map((field) => field.tag));
  if (!tags.has('60F') && !tags.has('60M') && (tags.has('34F') || tags.has('13D'))) {
    // An intraday report has no balances to check and is followed by the day's statement: refused
    // whole, with what to import instead, rather than statement by statement as missing a balance.
    throw new StatementFileError(
      'bad_mt940',
      "the file is an MT942 interim transaction report (:34F:, :13D:), not an MT940 statement: import the day's MT940 or CAMT.053",
    );
  }
  return (function* () {
    for (const [index, start] of starts.entries()) {
      yield readStatement(fields.slice(start, starts[index + 1] ?? fields.length), index + 1);
    }
  })();
}

function readStatement(fields: Mt940Field[], index: number): ParsedStatement {
  const first = fields[0] as Mt940Field;
  const statement = emptyStatement({
    format: 'mt940',
    formatVersion: 'mt940',
    index,
    line: first.line,
    messageId: null,
  });
  try {
    readHeader(statement, fields);
  } catch (error) {
    if (!(error instanceof InvalidValueError)) throw error;
    statement.errors.push(readError(first.line, error, `statement ${index}`));
    return statement;
  }
  readEntries(statement, fields);
  return statement;
}

function readHeader(statement: ParsedStatement, fields: Mt940Field[]): void {
  const value = (tag: string) =>
    fields
      .find((field) => field.tag === tag)
      ?.lines.join('')
      .trim();
  const account = value('25');
  if (!account) throw missing(':25: (the account)');
  statement.account = accountOf(account);
  const number = value('28C') ?? value('28') ?? '';
  statement.sequenceNumber = number || null;
  for (const field of fields) {
    const type = BALANCE_TYPES[field.tag];
    if (type) statement.balances.push(readBalance(field, type));
  }
  const opening = statement.balances.find((b) => b.type === 'OPBD' || b.type === 'ITBD');
  const closing =
    statement.balances.find((b) => b.type === 'CLBD') ??
    statement.balances.findLast((b) => b.type === 'ITBD');
  if (!opening) throw missing(':60F: (the opening balance)');
  if (!closing) throw missing(':62F: (the closing balance)');
  statement.currency = opening.currency;
  statement.statementRef = [value('20'), number, closing.date].filter(Boolean).join('/');
  // An :86: after the closing balance speaks of the statement, not of a line.
  const last = fields.at(-1);
  if (last?.tag === '86' && fields.at(-2)?.tag !== '61') statement.additionalInfo = joinDetails(last.lines);
}

/**
 * `NL20INGB0001234567EUR` (ING) and `NL44RABO0123456789 EUR` (Rabobank) name the currency too: an
 * IBAN whose checksum holds is read without it. Knab writes the IBAN as printed, in groups of four
 * (`NL92 KNAB 0123 4567 89`): read whole, spaces left out. Anything else is its first word
 * (`0800003200000001610722 EUR`).
 */
function accountOf(text: string): string {
  if (IBAN_IN_GROUPS.test(text)) return text.replace(/ /g, '');
  const iban = /^([A-Z]{2}\d{2}[A-Z0-9]{11,30}?)([A-Z]{3})?$/.exec(text.replace(/\s+/g, '').toUpperCase());
  if (iban && normaliseIban(iban[1] as string).ok) return iban[1] as string;
  const [first = ''] = text.split(/\s+/);
  return first;
}

/** An IBAN in its printed form: country, check digits, then groups of four and a shorter last one. */
const IBAN_IN_GROUPS = /^[A-Z]{2}\d{2}( [A-Z0-9]{4}){2,7}( [A-Z0-9]{1,4})?$/;

function readBalance(field: Mt940Field, type: string): StatementBalance {
  const text = field.lines.join('').trim();
  const match = /^([CD])(\d{6})([A-Z]{3})(\d[\d,.]*)$/.exec(text);
  if (!match)
    throw new InvalidValueError(
      'invalid_value',
      `":${field.tag}:${text}" is not a balance`,
      `:${field.tag}:`,
    );
  const [, mark, date, currency, amountText] = match as unknown as string[];
  const amount = mt940Amount(amountText as string, currency as string);
  const creditDebit = mark === 'D' ? 'debit' : 'credit';
  return {
    type,
    amount: creditDebit === 'debit' && amount.amount !== 0 ? -amount.amount : amount.amount,
    amountText: amount.amountText,
    currency: currency as string,
    creditDebit,
    date: yymmdd(date as string, `:${field.tag}:`),
  };
}

function readEntries(statement: ParsedStatement, fields: Mt940Field[]): void {
  let position = 0;
  for (const [at, field] of fields.entries()) {
    if (field.tag !== '61') continue;
    position++;
    const info = fields[at + 1]?.tag === '86' ? fields[at + 1] : undefined;
    try {
      statement.entries.push(readEntry(statement, field, info, position));
    } catch (error) {
      if (!(error instanceof InvalidValueError)) throw error;
      statement.errors.push(
        readError(field.line, error, `statement ${statement.statementRef}, entry ${position}`),
      );
    }
  }
}

function readEntry(
  statement: ParsedStatement,
  field: Mt940Field,
  info: Mt940Field | undefined,
  position: number,
): ParsedEntry {
  const line = readMt940Line(field.lines, statement.currency as string);
  const details = readMt940Details(info ? joinDetails(info.lines) : '', info?.lines);
  // Rabobank gives the counterparty's account on the line after :61: rather than in :86:.
  const supplementaryIban =
    line.supplementary && IBAN_SHAPE.test(line.supplementary) ? line.supplementary : null;
  return {
    position,
    line: field.line,
    key: entryKey({
      statementRef: statement.statementRef,
      bookingDate: line.bookingDate,
      servicerRef: line.bankRef,
      entryRef: null,
      entryIndex: position,
    }),
    bookingDate: line.bookingDate,
    valueDate: line.valueDate,
    amount: line.amount,
    amountText: line.amountText,
    currency: statement.currency as string,
    creditDebit: line.creditDebit,
    reversal: line.reversal,
    status: 'booked',
    bankTransactionCode: line.typeCode,
    accountServicerRef: line.bankRef,
    entryRef: line.customerRef,
    endToEndId: details.endToEndId,
    mandateId: details.mandateId,
    counterpartyName: details.counterpartyName,
    counterpartyIban: details.counterpartyIban ?? supplementaryIban,
    counterpartyAccount: null,
    counterpartyBic: details.counterpartyBic,
    remittanceText: details.remittanceText,
    creditorReference: details.creditorReference,
    creditorReferenceType: details.creditorReferenceType,
    additionalInfo: details.returnReason ? `return reason ${details.returnReason}` : null,
  };
}

function missing(what: string): InvalidValueError {
  return new InvalidValueError('missing_value', `${what} is missing`, what.slice(0, what.indexOf(' ')));
}
