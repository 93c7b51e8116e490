import { Migration } from '@mikro-orm/migrations';
import { tenantIsolationSql } from './tenant-isolation-sql.ts';

/**
 * Collection cases and credit-insurance cover, as capability plugins report them. A `collection_case`
 * is a debtor's overdue invoices handed to an agency through a collection plugin; the agency's case
 * reference is unique per installation, so its status updates map to exactly one case. A
 * `credit_cover` is an insurer's answer to a cover request for a debtor; the newest is the debtor's
 * current cover. Both are tenant rows under row-level security like every other.
 */
export class Migration20261122080000CollectionAndCover extends Migration {
  override name = 'Migration20261122080000CollectionAndCover';

  override up(): void {
    this.addSql(`create table collection_case (
      id text primary key,
      tenant_id text not null,
      administration_id text not null,
      debtor_id text not null,
      installation_id text not null,
      plugin text not null,
      case_reference text not null check (length(case_reference) between 1 and 200),
      idempotency_key text not null,
      status text not null check (status in ('accepted', 'in_progress', 'paid', 'partially_paid', 'closed', 'rejected')),
      invoice_ids text[] not null,
      total_amount bigint not null check (total_amount > 0),
      currency char(3) not null,
      collected_amount bigint not null default 0 check (collected_amount >= 0),
      note text check (length(note) <= 2000),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (tenant_id, installation_id, case_reference),
      unique (tenant_id, idempotency_key),
      foreign key (tenant_id, administration_id, debtor_id) references debtor (tenant_id, administration_id, id) on delete cascade
    );`);
    this.addSql('create index collection_case_debtor_idx on collection_case (debtor_id, created_at desc);');

    this.addSql(`create table credit_cover (
      id text primary key,
      tenant_id text not null,
      administration_id text not null,
      debtor_id text not null,
      installation_id text not null,
      plugin text not null,
      cover_reference text not null check (length(cover_reference) between 1 and 200),
      status text not null check (status in ('granted', 'partial', 'refused', 'pending')),
      requested_amount bigint not null check (requested_amount > 0),
      covered_amount bigint not null check (covered_amount >= 0),
      currency char(3) not null,
      valid_until date,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (tenant_id, installation_id, cover_reference),
      foreign key (tenant_id, administration_id, debtor_id) references debtor (tenant_id, administration_id, id) on delete cascade
    );`);
    this.addSql('create index credit_cover_debtor_idx on credit_cover (debtor_id, created_at desc);');

    for (const table of ['collection_case', 'credit_cover']) {
      for (const sql of tenantIsolationSql(table)) this.addSql(sql);
    }
  }
}
