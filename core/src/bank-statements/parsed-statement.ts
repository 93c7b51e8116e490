import type { InvalidValueError, RowError } from '../imports/index.ts';
import type { CreditDebit, EntryStatus, StatementBalance, StatementFormat } from './statement-rows.ts';

// What a CAMT.053 or MT940 file is read into, before anything touches the database: one shape for
// both formats. Money is unsigned integer minor units with the bank's exact decimal text beside it;
// business dates are `YYYY-MM-DD`.

export interface ParsedStatement {
  format: StatementFormat;
  /** `camt.053.001.02` … `.08`, or `mt940`. */
  formatVersion: string;
  /** 1-based position of the statement in the file, for reports. */
  index: number;
  /** Line in the file where the statement starts. */
  line: number;
  /** IBAN, or the bank's own account id, as the statement names it (IBANs without spaces). */
  account: string;
  /** The bank's id for the statement: unique per account (docs/bank-statements.md). */
  statementRef: string;
  messageId: string | null;
  sequenceNumber: string | null;
  legalSequenceNumber: string | null;
  /** ISO 8601 instants, as written. */
  createdOn: string | null;
  fromAt: string | null;
  toAt: string | null;
  currency: string | null;
  balances: StatementBalance[];
  additionalInfo: string | null;
  entries: ParsedEntry[];
  /** Entries that could not be read: the statement is refused with all of them listed. */
  errors: RowError[];
}

export interface ParsedEntry {
  /** 1-based order in the statement (a CAMT entry with several details counts once per detail). */
  position: number;
  /** Line in the file where the entry (or its transaction detail) starts. */
  line: number;
  /** Stable key from the bank's references (entry-key.ts). */
  key: string;
  bookingDate: string | null;
  valueDate: string | null;
  amount: number;
  amountText: string;
  currency: string;
  creditDebit: CreditDebit;
  reversal: boolean;
  status: EntryStatus;
  bankTransactionCode: string | null;
  accountServicerRef: string | null;
  entryRef: string | null;
  endToEndId: string | null;
  mandateId: string | null;
  counterpartyName: string | null;
  counterpartyIban: string | null;
  counterpartyAccount: string | null;
  counterpartyBic: string | null;
  remittanceText: string | null;
  creditorReference: string | null;
  creditorReferenceType: string | null;
  additionalInfo: string | null;
}

/** What a statement reader returns: the statements, or why the file as a whole cannot be read. */
export interface ParsedFile {
  statements: ParsedStatement[];
  warnings: string[];
}

/** A statement before its header is read: every field empty, no entries, no errors. */
export function emptyStatement(
  start: Pick<ParsedStatement, 'format' | 'formatVersion' | 'index' | 'line' | 'messageId'>,
): ParsedStatement {
  return {
    ...start,
    account: '',
    statementRef: '',
    sequenceNumber: null,
    legalSequenceNumber: null,
    createdOn: null,
    fromAt: null,
    toAt: null,
    currency: null,
    balances: [],
    additionalInfo: null,
    entries: [],
    errors: [],
  };
}

/** A value a reader could not read, as a report line naming where (`statement …, entry 2`) and the field. */
export function readError(line: number, error: InvalidValueError, where: string): RowError {
  const result: RowError = { line, message: `${where}: ${error.message}` };
  if (error.field !== undefined) result.field = error.field;
  return result;
}
