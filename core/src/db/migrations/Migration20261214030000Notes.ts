import { Migration } from '@mikro-orm/migrations';
import { tenantIsolationSql } from './tenant-isolation-sql.ts';

/**
 * Notes a collector writes on a debtor, or on one of its invoices: plain text, pinned ones shown
 * first on the debtor's card and timeline. A deleted note keeps its row (`deleted_at`) so what was
 * said to whom stays traceable; every read leaves it out.
 */
export class Migration20261214030000Notes extends Migration {
  override name = 'Migration20261214030000Notes';

  override up(): void {
    this.addSql(`create table note (
      tenant_id text not null,
      id text not null,
      administration_id text not null,
      debtor_id text not null,
      invoice_id text,
      body text not null check (length(body) between 1 and 10000),
      pinned boolean not null default false,
      author text not null check (length(author) between 1 and 200),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      deleted_at timestamptz,
      primary key (tenant_id, id),
      foreign key (tenant_id, administration_id, debtor_id) references debtor (tenant_id, administration_id, id) on delete cascade,
      foreign key (tenant_id, invoice_id) references invoice (tenant_id, id) on delete cascade
    );`);
    this.addSql(
      'create index note_debtor_idx on note (tenant_id, debtor_id, id desc) where deleted_at is null;',
    );
    this.addSql(
      'create index note_invoice_idx on note (tenant_id, invoice_id, id desc) where invoice_id is not null and deleted_at is null;',
    );
    for (const sql of tenantIsolationSql('note')) this.addSql(sql);
  }

  override down(): void {
    this.addSql('drop table note;');
  }
}
