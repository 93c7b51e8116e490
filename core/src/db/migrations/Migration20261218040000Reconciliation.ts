import { Migration } from '@mikro-orm/migrations';
import { administrationAccessSql, tenantIsolationSql } from './tenant-isolation-sql.ts';

const TABLES = ['payment_change', 'statement_match'];

/**
 * Matching bank entries to invoices, and payments that can be undone (issue 12).
 * - `payment` gains `reversed_at`, `reversed_by`, `reversal_reason`: a reversed payment keeps its row
 *   (its history and its external id) but no allocation, and counts for nothing any more.
 * - `payment_change`: one row per reversal or reallocation of a payment, with who did it and the
 *   allocations before and after, so the debtor's history shows every change.
 * - `statement_match`: which payment a bank statement entry caused, by which rule, with what
 *   confidence and why; `undone_at` once the match was undone (its payment reversed). A payment is
 *   caused by at most one entry (unique), so every allocation traces back to exactly one entry.
 *   `created_payment` is false when the entry only confirmed a payment recorded before (a pay link its
 *   provider reported paid): undoing such a match reverses nothing.
 * - `bank_statement_entry` gains why it waits in the reconciliation queue (`match_reason`, with the
 *   matcher's best guess in `match_proposal`) and who reviewed it (`reviewed_by`, `reviewed_at`,
 *   `review_note`: an ignored entry's reason).
 */
export class Migration20261218040000Reconciliation extends Migration {
  override name = 'Migration20261218040000Reconciliation';

  override up(): void {
    this.addSql(`alter table payment
      add column reversed_at timestamptz,
      add column reversed_by text,
      add column reversal_reason text check (length(reversal_reason) between 1 and 500),
      add check ((reversed_at is null) = (reversal_reason is null));`);

    this.addSql(`create table payment_change (
      tenant_id text not null,
      id text not null,
      administration_id text not null,
      payment_id text not null,
      debtor_id text,
      kind text not null check (kind in ('reversed', 'reallocated')),
      reason text check (length(reason) between 1 and 500),
      actor text,
      allocations_before jsonb not null check (jsonb_typeof(allocations_before) = 'array'),
      allocations_after jsonb not null check (jsonb_typeof(allocations_after) = 'array'),
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, payment_id) references payment (tenant_id, id) on delete cascade,
      foreign key (tenant_id, administration_id) references administration (tenant_id, id)
    );`);
    this.addSql(
      'create index payment_change_debtor_idx on payment_change (tenant_id, debtor_id, created_at desc) where debtor_id is not null;',
    );
    this.addSql('create index payment_change_payment_idx on payment_change (tenant_id, payment_id);');

    this.addSql(`create table statement_match (
      tenant_id text not null,
      id text not null,
      administration_id text not null,
      entry_id text not null,
      payment_id text not null,
      debtor_id text,
      rule text not null check (rule in ('structured_reference', 'invoice_number', 'iban_amount', 'pay_link', 'manual')),
      confidence smallint not null check (confidence between 0 and 100),
      reason text not null check (length(reason) between 1 and 500),
      created_payment boolean not null default true,
      created_by text,
      created_at timestamptz not null default now(),
      undone_at timestamptz,
      undone_by text,
      primary key (tenant_id, id),
      unique (tenant_id, payment_id),
      foreign key (tenant_id, entry_id) references bank_statement_entry (tenant_id, id) on delete cascade,
      foreign key (tenant_id, payment_id) references payment (tenant_id, id),
      foreign key (tenant_id, administration_id) references administration (tenant_id, id)
    );`);
    this.addSql('create index statement_match_entry_idx on statement_match (tenant_id, entry_id);');
    this.addSql(
      'create index statement_match_debtor_idx on statement_match (tenant_id, debtor_id, created_at desc) where debtor_id is not null;',
    );

    this.addSql(`alter table bank_statement_entry
      add column match_reason text check (length(match_reason) between 1 and 500),
      add column match_proposal jsonb,
      add column reviewed_by text,
      add column reviewed_at timestamptz,
      add column review_note text check (length(review_note) between 1 and 500);`);

    // What matching looks up per entry: an invoice by its payment reference or number, compared upper
    // case without spaces. Stored as columns of their own: under row-level security only leakproof
    // operators reach an index, and upper() and replace() are not, so an index on the expression
    // would never serve the tenant's query.
    this.addSql(`alter table invoice
      add column payment_reference_key text generated always as (upper(replace(payment_reference, ' ', ''))) stored,
      add column number_key text generated always as (upper(number)) stored;`);
    this.addSql(
      'create index invoice_payment_reference_key_idx on invoice (administration_id, payment_reference_key);',
    );
    this.addSql('create index invoice_number_key_idx on invoice (administration_id, number_key);');
    this.addSql(
      'create index payment_payer_iban_idx on payment (administration_id, payer_iban) where payer_iban is not null;',
    );

    for (const table of TABLES) {
      for (const sql of tenantIsolationSql(table)) this.addSql(sql);
      this.addSql(administrationAccessSql(table));
    }
  }

  override down(): void {
    this.addSql(
      'drop index invoice_payment_reference_idx, invoice_number_upper_idx, payment_payer_iban_idx;',
    );
    for (const table of [...TABLES].reverse()) this.addSql(`drop table ${table};`);
    this.addSql(`alter table bank_statement_entry drop column match_reason, drop column match_proposal,
      drop column reviewed_by, drop column reviewed_at, drop column review_note;`);
    this.addSql(
      'alter table payment drop column reversed_at, drop column reversed_by, drop column reversal_reason;',
    );
  }
}
