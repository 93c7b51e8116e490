/**
 * The rows of the bank-statement tables (migration BankStatements), as `pg` returns them: bigint
 * columns as text, dates as `YYYY-MM-DD` text (the select lists in statement-store.ts), instants as Date.
 */

export const MATCH_STATUS_UNMATCHED = 'unmatched';

export type CreditDebit = 'credit' | 'debit';
export type EntryStatus = 'booked' | 'pending' | 'info';
export type StatementFormat = 'camt053' | 'mt940';

/** An account registered on an administration, so its statements find their ledger. */
export interface BankAccountRow {
  account: string;
  administration_id: string;
  currency: string | null;
  name: string | null;
  created_at: Date;
}

/** One balance as the bank stated it: `type` is the ISO 20022 code (OPBD, CLBD, OPAV, CLAV, ITBD …). */
export interface StatementBalance {
  type: string;
  /** Signed minor units of `currency`: negative for a debit balance. */
  amount: number;
  /** The bank's decimal text, unsigned. */
  amountText: string;
  currency: string;
  creditDebit: CreditDebit;
  date: string | null;
}

export interface BankStatementRow {
  id: string;
  administration_id: string;
  account: string;
  statement_ref: string;
  format: StatementFormat;
  format_version: string | null;
  message_id: string | null;
  sequence_number: string | null;
  legal_sequence_number: string | null;
  created_on: Date | null;
  from_at: Date | null;
  to_at: Date | null;
  currency: string | null;
  opening_balance: string | null;
  opening_balance_date: string | null;
  closing_balance: string | null;
  closing_balance_date: string | null;
  balances: StatementBalance[];
  additional_info: string | null;
  entry_count: number;
  import_id: string;
  created_by: string | null;
  created_at: Date;
}

export interface BankStatementEntryRow {
  id: string;
  administration_id: string;
  statement_id: string;
  account: string;
  entry_key: string;
  position: number;
  line: number | null;
  booking_date: string | null;
  value_date: string | null;
  /** Minor units of `currency`, never negative: `credit_debit` says which way it went. */
  amount: string;
  amount_text: string;
  currency: string;
  credit_debit: CreditDebit;
  reversal: boolean;
  status: EntryStatus;
  bank_transaction_code: string | null;
  account_servicer_ref: string | null;
  entry_ref: string | null;
  end_to_end_id: string | null;
  mandate_id: string | null;
  counterparty_name: string | null;
  counterparty_iban: string | null;
  counterparty_account: string | null;
  counterparty_bic: string | null;
  remittance_text: string | null;
  creditor_reference: string | null;
  creditor_reference_type: string | null;
  additional_info: string | null;
  match_status: string;
  created_at: Date;
}
