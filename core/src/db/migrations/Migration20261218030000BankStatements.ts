import { Migration } from '@mikro-orm/migrations';
import { administrationAccessSql, tenantIsolationSql } from './tenant-isolation-sql.ts';

const TABLES = ['bank_account', 'bank_statement', 'bank_statement_entry'];

/**
 * Bank statements (CAMT.053, MT940) as the bank sent them, for matching credits to invoices.
 * - `bank_account`: an account (IBAN, or the bank's own account id) registered on an administration,
 *   so an imported statement finds its administration. Unique per tenant: one account, one ledger.
 *   The administration's own `iban` counts as registered without a row here.
 * - `bank_statement`: one statement of one account; `statement_ref` is the bank's id for it
 *   (CAMT `Stmt/Id`; MT940 `:20:`, `:28C:` and the closing balance date), unique per account, so a
 *   statement imported twice is stored once. Every balance the bank gave is kept in `balances`;
 *   opening and closing booked balances also as signed minor units.
 * - `bank_statement_entry`: one booked (or pending) movement; a CAMT entry with several transaction
 *   details is one row per detail. `entry_key` (bank-statements/entry-key.ts) is built from the bank's
 *   own references, unique per account: re-importing an entry finds it and changes nothing.
 *   `amount` is in the currency's minor units, `amount_text` the bank's exact decimal (CAMT allows
 *   five decimals). `match_status` belongs to the matching of issue 12.
 */
export class Migration20261218030000BankStatements extends Migration {
  override name = 'Migration20261218030000BankStatements';

  override up(): void {
    this.addSql(`create table bank_account (
      tenant_id text not null,
      account text not null check (account ~ '^[A-Za-z0-9/+.:_-]{1,34}$'),
      administration_id text not null,
      currency char(3) check (currency ~ '^[A-Z]{3}$'),
      name text check (length(name) between 1 and 200),
      created_at timestamptz not null default now(),
      primary key (tenant_id, account),
      foreign key (tenant_id, administration_id) references administration (tenant_id, id) on delete cascade
    );`);
    this.addSql(
      'create index bank_account_administration_idx on bank_account (tenant_id, administration_id);',
    );

    this.addSql(`create table bank_statement (
      tenant_id text not null,
      id text not null,
      administration_id text not null,
      account text not null check (length(account) between 1 and 70),
      statement_ref text not null check (length(statement_ref) between 1 and 200),
      format text not null check (format in ('camt053', 'mt940')),
      format_version text,
      message_id text,
      sequence_number text,
      legal_sequence_number text,
      created_on timestamptz,
      from_at timestamptz,
      to_at timestamptz,
      currency char(3) check (currency ~ '^[A-Z]{3}$'),
      opening_balance bigint,
      opening_balance_date date,
      closing_balance bigint,
      closing_balance_date date,
      balances jsonb not null default '[]' check (jsonb_typeof(balances) = 'array'),
      additional_info text,
      entry_count integer not null default 0 check (entry_count >= 0),
      import_id text not null,
      created_by text,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, administration_id, account, statement_ref),
      unique (tenant_id, administration_id, id),
      foreign key (tenant_id, administration_id) references administration (tenant_id, id) on delete cascade
    );`);
    this.addSql(
      'create index bank_statement_list_idx on bank_statement (tenant_id, administration_id, created_at desc, id desc);',
    );

    this.addSql(`create table bank_statement_entry (
      tenant_id text not null,
      id text not null,
      administration_id text not null,
      statement_id text not null,
      account text not null,
      entry_key text not null check (length(entry_key) between 1 and 300),
      position integer not null check (position >= 1),
      line integer,
      booking_date date,
      value_date date,
      amount bigint not null check (amount >= 0),
      amount_text text not null check (amount_text ~ '^[0-9]+(\\.[0-9]+)?$'),
      currency char(3) not null check (currency ~ '^[A-Z]{3}$'),
      credit_debit text not null check (credit_debit in ('credit', 'debit')),
      reversal boolean not null default false,
      status text not null check (status in ('booked', 'pending', 'info')),
      bank_transaction_code text,
      account_servicer_ref text,
      entry_ref text,
      end_to_end_id text,
      mandate_id text,
      counterparty_name text,
      counterparty_iban text,
      counterparty_account text,
      counterparty_bic text,
      remittance_text text,
      creditor_reference text,
      creditor_reference_type text,
      additional_info text,
      match_status text not null default 'unmatched' check (length(match_status) between 1 and 40),
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, administration_id, account, entry_key),
      foreign key (tenant_id, administration_id, statement_id) references bank_statement (tenant_id, administration_id, id) on delete cascade
    );`);
    this.addSql(
      'create index bank_statement_entry_statement_idx on bank_statement_entry (tenant_id, statement_id, position);',
    );
    this.addSql(
      'create index bank_statement_entry_match_idx on bank_statement_entry (tenant_id, administration_id, match_status, id);',
    );
    this.addSql(
      'create index bank_statement_entry_reference_idx on bank_statement_entry (tenant_id, creditor_reference) where creditor_reference is not null;',
    );

    for (const table of TABLES) {
      for (const sql of tenantIsolationSql(table)) this.addSql(sql);
      this.addSql(administrationAccessSql(table));
    }
  }

  override down(): void {
    for (const table of [...TABLES].reverse()) this.addSql(`drop table ${table};`);
  }
}
