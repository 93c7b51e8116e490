import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../shared/errors.ts';
import type { BankStatementEntryRow, BankStatementRow, CreditDebit } from './statement-rows.ts';

// Reading stored statements and entries, newest statements first, entries in statement order; both
// paged by id (ids are time-ordered, and a statement's entries get theirs in file order).

const STATEMENT_COLUMNS = `id, administration_id, account, statement_ref, format, format_version, message_id,
  sequence_number, legal_sequence_number, created_on, from_at, to_at, currency, opening_balance,
  to_char(opening_balance_date, 'YYYY-MM-DD') as opening_balance_date, closing_balance,
  to_char(closing_balance_date, 'YYYY-MM-DD') as closing_balance_date, balances, additional_info, entry_count,
  import_id, created_by, created_at`;

const ENTRY_COLUMNS = `id, administration_id, statement_id, account, entry_key, position, line,
  to_char(booking_date, 'YYYY-MM-DD') as booking_date, to_char(value_date, 'YYYY-MM-DD') as value_date, amount,
  amount_text, currency, credit_debit, reversal, status, bank_transaction_code, account_servicer_ref, entry_ref,
  end_to_end_id, mandate_id, counterparty_name, counterparty_iban, counterparty_account, counterparty_bic,
  remittance_text, creditor_reference, creditor_reference_type, additional_info, match_status, created_at`;

export interface StatementFilter {
  administrationId?: string;
  account?: string;
  /** The id of the last statement of the previous page. */
  before?: string;
  limit: number;
}

export async function listStatements(
  em: EntityManager,
  filter: StatementFilter,
): Promise<BankStatementRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    where.push(sql);
    params.push(value);
  };
  if (filter.administrationId) add('administration_id = ?', filter.administrationId);
  if (filter.account) add('account = ?', filter.account);
  if (filter.before) add('id < ?', filter.before);
  return em.execute<BankStatementRow[]>(
    `select ${STATEMENT_COLUMNS} from bank_statement ${where.length ? `where ${where.join(' and ')}` : ''}
     order by id desc limit ?`,
    [...params, filter.limit + 1],
  );
}

export async function getStatement(em: EntityManager, id: string): Promise<BankStatementRow> {
  const [row] = await em.execute<BankStatementRow[]>(
    `select ${STATEMENT_COLUMNS} from bank_statement where id = ?`,
    [id],
  );
  if (!row) throw notFound('Bank statement', id);
  return row;
}

export interface EntryFilter {
  matchStatus?: string;
  creditDebit?: CreditDebit;
  after?: string;
  limit: number;
}

export async function listEntries(
  em: EntityManager,
  statementId: string,
  filter: EntryFilter,
): Promise<BankStatementEntryRow[]> {
  await getStatement(em, statementId);
  const where = ['statement_id = ?'];
  const params: unknown[] = [statementId];
  if (filter.matchStatus) {
    where.push('match_status = ?');
    params.push(filter.matchStatus);
  }
  if (filter.creditDebit) {
    where.push('credit_debit = ?');
    params.push(filter.creditDebit);
  }
  if (filter.after) {
    where.push('id > ?');
    params.push(filter.after);
  }
  return em.execute<BankStatementEntryRow[]>(
    `select ${ENTRY_COLUMNS} from bank_statement_entry where ${where.join(' and ')} order by id limit ?`,
    [...params, filter.limit + 1],
  );
}
