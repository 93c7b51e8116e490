import { Migration } from '@mikro-orm/migrations';
import { tenantIsolationSql } from './tenant-isolation-sql.ts';

/**
 * What capability plugins bring back into core. A debtor carries its latest external credit
 * assessment (score, rating, limit); `credit_report` keeps every report with the plugin that gave
 * it. `pay_link` is a payment request a pay-link plugin created for a debtor's open invoices; its
 * provider reference is unique per installation, so a provider's webhook maps to exactly one link.
 * Both are tenant rows under row-level security like every other.
 */
export class Migration20261122070000PayLinksAndCreditReports extends Migration {
  override name = 'Migration20261122070000PayLinksAndCreditReports';

  override up(): void {
    this.addSql(`alter table debtor
      add column credit_score smallint check (credit_score between 0 and 100),
      add column credit_rating text check (length(credit_rating) <= 20),
      add column credit_limit bigint check (credit_limit >= 0),
      add column credit_limit_currency char(3),
      add column credit_checked_at timestamptz,
      add check ((credit_limit is null) = (credit_limit_currency is null));`);

    this.addSql(`create table credit_report (
      id text primary key,
      tenant_id text not null,
      administration_id text not null,
      debtor_id text not null,
      installation_id text not null,
      plugin text not null,
      bureau_id text not null check (length(bureau_id) between 1 and 200),
      company_name text,
      score smallint not null check (score between 0 and 100),
      rating text not null check (length(rating) between 1 and 20),
      limit_amount bigint not null check (limit_amount >= 0),
      limit_currency char(3) not null,
      document bytea,
      created_at timestamptz not null default now(),
      foreign key (tenant_id, administration_id, debtor_id) references debtor (tenant_id, administration_id, id) on delete cascade
    );`);
    this.addSql('create index credit_report_debtor_idx on credit_report (debtor_id, created_at desc);');

    this.addSql(`create table pay_link (
      id text primary key,
      tenant_id text not null,
      administration_id text not null,
      debtor_id text not null,
      installation_id text not null,
      plugin text not null,
      provider_reference text not null check (length(provider_reference) between 1 and 200),
      url text not null check (length(url) <= 2000),
      expires_at timestamptz not null,
      amount bigint not null check (amount > 0),
      currency char(3) not null,
      invoice_ids text[] not null,
      status text not null default 'open' check (status in ('open', 'paid')),
      payment_id text,
      created_at timestamptz not null default now(),
      paid_at timestamptz,
      unique (tenant_id, installation_id, provider_reference),
      foreign key (tenant_id, administration_id, debtor_id) references debtor (tenant_id, administration_id, id) on delete cascade
    );`);
    this.addSql('create index pay_link_debtor_idx on pay_link (debtor_id, created_at desc);');

    for (const table of ['credit_report', 'pay_link']) {
      for (const sql of tenantIsolationSql(table)) this.addSql(sql);
    }
  }
}
