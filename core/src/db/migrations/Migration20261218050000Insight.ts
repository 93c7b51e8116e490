import { Migration } from '@mikro-orm/migrations';
import { administrationAccessSql, tenantIsolationSql } from './tenant-isolation-sql.ts';

/**
 * Insight (insight/): what its figures are computed with, and what they were on each day.
 * - `insight_settings`: per administration, the ageing bucket edges and the days of the trailing period
 *   the daily snapshot's KPIs cover.
 * - `insight_snapshot_day`: one row per administration and day whose snapshot was taken, with the
 *   settings it used and whether it was taken late (`rebuilt`: computed after the day following it,
 *   from the ledger as it stood then). Rerunning a day replaces it and its figures in one transaction.
 * - `insight_snapshot`: the day's KPIs and ageing per group (the administration, each segment, each
 *   collector), as the API answers them (jsonb, per currency).
 * - indexes for the invoice list's sorted orders (by balance, by due date), which page by `(key, id)`.
 * - `insight_rate`: exchange rates the tenant supplies: one unit of `currency` is `rate` units of
 *   `to_currency` from `valid_from` on (until a later row), for figures converted on request.
 */
export class Migration20261218050000Insight extends Migration {
  override name = 'Migration20261218050000Insight';

  override up(): void {
    this.addSql(`create table insight_settings (
      tenant_id text not null,
      administration_id text not null,
      ageing_edges integer[] not null default '{30,60,90}'
        check (cardinality(ageing_edges) between 1 and 10 and 1 <= all (ageing_edges)),
      kpi_period_days integer not null default 30 check (kpi_period_days between 1 and 366),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, administration_id),
      foreign key (tenant_id, administration_id) references administration (tenant_id, id) on delete cascade
    );`);
    this.addSql(`create table insight_snapshot_day (
      tenant_id text not null,
      administration_id text not null,
      day date not null,
      rebuilt boolean not null,
      ageing_edges integer[] not null,
      kpi_period_days integer not null,
      taken_at timestamptz not null default now(),
      primary key (tenant_id, administration_id, day),
      foreign key (tenant_id, administration_id) references administration (tenant_id, id) on delete cascade
    );`);
    this.addSql(`create table insight_snapshot (
      tenant_id text not null,
      administration_id text not null,
      day date not null,
      group_by text not null check (group_by in ('administration', 'segment', 'collector')),
      group_key text not null,
      kpis jsonb not null,
      ageing jsonb not null,
      primary key (tenant_id, administration_id, day, group_by, group_key),
      foreign key (tenant_id, administration_id, day)
        references insight_snapshot_day (tenant_id, administration_id, day) on delete cascade
    );`);
    this.addSql(
      'create index insight_snapshot_series_idx on insight_snapshot (tenant_id, group_by, day, administration_id);',
    );
    this.addSql(`create table insight_rate (
      tenant_id text not null references tenant (id),
      currency char(3) not null,
      to_currency char(3) not null,
      valid_from date not null,
      rate numeric(24, 12) not null check (rate > 0),
      created_at timestamptz not null default now(),
      primary key (tenant_id, currency, to_currency, valid_from),
      check (currency <> to_currency)
    );`);
    this.addSql('create index invoice_balance_sort_idx on invoice (tenant_id, (-open_amount), id);');
    this.addSql('create index invoice_due_sort_idx on invoice (tenant_id, due_date, id);');
    for (const table of ['insight_settings', 'insight_snapshot_day', 'insight_snapshot', 'insight_rate']) {
      for (const sql of tenantIsolationSql(table)) this.addSql(sql);
    }
    for (const table of ['insight_settings', 'insight_snapshot_day', 'insight_snapshot']) {
      this.addSql(administrationAccessSql(table));
    }
  }

  override down(): void {
    this.addSql('drop table insight_rate, insight_snapshot, insight_snapshot_day, insight_settings;');
    this.addSql('drop index invoice_balance_sort_idx, invoice_due_sort_idx;');
  }
}
