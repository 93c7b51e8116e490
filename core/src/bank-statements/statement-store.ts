import type { PoolClient } from 'pg';
import type { RowError } from '../imports/index.ts';
import { newId } from '../shared/ids.ts';
import type { ParsedEntry, ParsedStatement } from './parsed-statement.ts';

export interface StoredStatement {
  statementId: string;
  /** False when the statement was imported before (same account and bank id). */
  statementCreated: boolean;
  /** Entry ids newly stored, in statement order. */
  createdIds: string[];
  unchanged: number;
  /** Entries whose key is known with another amount or direction: the statement is refused. */
  conflicts: RowError[];
}

const BATCH = 5_000;

/**
 * Writes one statement and its entries on `client`, inside the caller's transaction: the statement
 * by (administration, account, bank id) and each entry by its key (entry-key.ts). Keys already
 * stored are looked up per batch and left alone; the rest are inserted with ON CONFLICT DO NOTHING
 * (for an import of the same file running beside this one), so importing again stores nothing new. A known key whose stored
 * amount or direction differs is not the same movement: it is reported, and the caller rolls back.
 */
export async function storeStatement(
  client: PoolClient,
  administrationId: string,
  statement: ParsedStatement,
  importId: string,
  createdBy: string | null,
  onBatch: (stored: number) => void = () => {},
): Promise<StoredStatement> {
  const { id, created } = await upsertStatement(client, administrationId, statement, importId, createdBy);
  const result: StoredStatement = {
    statementId: id,
    statementCreated: created,
    createdIds: [],
    unchanged: 0,
    conflicts: [],
  };
  const storedOf = (keys: string[]) => storedEntries(client, administrationId, statement.account, keys);
  for (let at = 0; at < statement.entries.length; at += BATCH) {
    const batch = statement.entries.slice(at, at + BATCH);
    // Known keys are looked up first, so a re-import reads its entries once and inserts nothing.
    const stored = await storedOf(batch.map((entry) => entry.key));
    const fresh = batch.filter((entry) => !stored.has(entry.key));
    const inserted = await insertEntries(client, administrationId, id, statement.account, fresh);
    // A concurrent import of the same entries may have stored some in between: compared as known ones.
    const raced = fresh.filter((entry) => !inserted.has(entry.key)).map((entry) => entry.key);
    if (raced.length > 0) for (const [key, row] of await storedOf(raced)) stored.set(key, row);
    result.createdIds.push(...inserted.values());
    const known = batch.filter((entry) => !inserted.has(entry.key));
    result.unchanged += known.length;
    result.conflicts.push(...conflictsOf(statement, known, stored));
    onBatch(batch.length);
  }
  await client.query(
    `update bank_statement set entry_count = (select count(*) from bank_statement_entry where statement_id = $1)
     where id = $1`,
    [id],
  );
  return result;
}

async function upsertStatement(
  client: PoolClient,
  administrationId: string,
  s: ParsedStatement,
  importId: string,
  createdBy: string | null,
): Promise<{ id: string; created: boolean }> {
  const opening = s.balances.find((b) => b.type === 'OPBD') ?? s.balances.find((b) => b.type === 'PRCD');
  const closing = s.balances.find((b) => b.type === 'CLBD');
  const inserted = await client.query<{ id: string }>(
    `insert into bank_statement (tenant_id, id, administration_id, account, statement_ref, format, format_version,
       message_id, sequence_number, legal_sequence_number, created_on, from_at, to_at, currency,
       opening_balance, opening_balance_date, closing_balance, closing_balance_date, balances, additional_info,
       import_id, created_by)
     values (current_setting('kredo.tenant_id'), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15,
       $16, $17, $18, $19, $20, $21)
     on conflict (tenant_id, administration_id, account, statement_ref) do nothing
     returning id`,
    [
      newId('bankStatement'),
      administrationId,
      s.account,
      s.statementRef,
      s.format,
      s.formatVersion,
      s.messageId,
      s.sequenceNumber,
      s.legalSequenceNumber,
      s.createdOn,
      s.fromAt,
      s.toAt,
      s.currency,
      opening?.amount ?? null,
      opening?.date ?? null,
      closing?.amount ?? null,
      closing?.date ?? null,
      JSON.stringify(s.balances),
      s.additionalInfo,
      importId,
      createdBy,
    ],
  );
  if (inserted.rows[0]) return { id: inserted.rows[0].id, created: true };
  const existing = await client.query<{ id: string }>(
    'select id from bank_statement where administration_id = $1 and account = $2 and statement_ref = $3',
    [administrationId, s.account, s.statementRef],
  );
  return { id: (existing.rows[0] as { id: string }).id, created: false };
}

// Column name, PostgreSQL array type, and how to read it off an entry: the one list the insert uses.
const ENTRY_COLUMNS: [string, string, (e: ParsedEntry) => unknown][] = [
  ['entry_key', 'text', (e) => e.key],
  ['position', 'int', (e) => e.position],
  ['line', 'int', (e) => e.line],
  ['booking_date', 'date', (e) => e.bookingDate],
  ['value_date', 'date', (e) => e.valueDate],
  ['amount', 'bigint', (e) => e.amount],
  ['amount_text', 'text', (e) => e.amountText],
  ['currency', 'text', (e) => e.currency],
  ['credit_debit', 'text', (e) => e.creditDebit],
  ['reversal', 'boolean', (e) => e.reversal],
  ['status', 'text', (e) => e.status],
  ['bank_transaction_code', 'text', (e) => e.bankTransactionCode],
  ['account_servicer_ref', 'text', (e) => e.accountServicerRef],
  ['entry_ref', 'text', (e) => e.entryRef],
  ['end_to_end_id', 'text', (e) => e.endToEndId],
  ['mandate_id', 'text', (e) => e.mandateId],
  ['counterparty_name', 'text', (e) => e.counterpartyName],
  ['counterparty_iban', 'text', (e) => e.counterpartyIban],
  ['counterparty_account', 'text', (e) => e.counterpartyAccount],
  ['counterparty_bic', 'text', (e) => e.counterpartyBic],
  ['remittance_text', 'text', (e) => e.remittanceText],
  ['creditor_reference', 'text', (e) => e.creditorReference],
  ['creditor_reference_type', 'text', (e) => e.creditorReferenceType],
  ['additional_info', 'text', (e) => e.additionalInfo],
];

const INSERT_ENTRIES = `insert into bank_statement_entry (tenant_id, administration_id, statement_id, account, id,
    ${ENTRY_COLUMNS.map(([name]) => name).join(', ')})
  select current_setting('kredo.tenant_id'), $1, $2, $3, e.*
  from unnest($4::text[], ${ENTRY_COLUMNS.map(([, type], at) => `$${at + 5}::${type}[]`).join(', ')}) as e
  on conflict (tenant_id, administration_id, account, entry_key) do nothing
  returning entry_key, id`;

/** Inserts a batch in one statement; answers the keys stored now, with their new ids. */
async function insertEntries(
  client: PoolClient,
  administrationId: string,
  statementId: string,
  account: string,
  entries: ParsedEntry[],
): Promise<Map<string, string>> {
  if (entries.length === 0) return new Map();
  const ids = entries.map(() => newId('bankStatementEntry'));
  const columns = ENTRY_COLUMNS.map(([, , read]) => entries.map(read));
  const result = await client.query<{ entry_key: string; id: string }>(INSERT_ENTRIES, [
    administrationId,
    statementId,
    account,
    ids,
    ...columns,
  ]);
  // In statement order, as the ids were made: time-ordered ids then list entries in that order.
  const inserted = new Map(result.rows.map((row) => [row.entry_key, row.id]));
  return new Map(
    entries.filter((e) => inserted.has(e.key)).map((e) => [e.key, inserted.get(e.key) as string]),
  );
}

interface StoredEntry {
  entry_key: string;
  amount: string;
  currency: string;
  credit_debit: string;
}

/** The stored entries of an account among `keys`, by key. */
async function storedEntries(
  client: PoolClient,
  administrationId: string,
  account: string,
  keys: string[],
): Promise<Map<string, StoredEntry>> {
  const { rows } = await client.query<StoredEntry>(
    `select entry_key, amount, currency, credit_debit from bank_statement_entry
     where administration_id = $1 and account = $2 and entry_key = any($3::text[])`,
    [administrationId, account, keys],
  );
  return new Map(rows.map((row) => [row.entry_key, row]));
}

/** Known entries whose stored amount, currency or direction differs: not the same movement. */
function conflictsOf(
  statement: ParsedStatement,
  known: ParsedEntry[],
  byKey: Map<string, StoredEntry>,
): RowError[] {
  return known.flatMap((entry) => {
    const row = byKey.get(entry.key);
    if (
      !row ||
      (Number(row.amount) === entry.amount &&
        row.currency === entry.currency &&
        row.credit_debit === entry.creditDebit)
    )
      return [];
    return [
      {
        line: entry.line,
        field: 'entry_key',
        message:
          `statement ${statement.statementRef}, entry ${entry.position}: the bank's reference (${entry.key}) was imported ` +
          `before for ${row.credit_debit} ${row.currency} ${Number(row.amount)} (minor units), not ${entry.creditDebit} ${entry.currency} ${entry.amount}`,
      },
    ];
  });
}
