import { Migration } from '@mikro-orm/migrations';
import { administrationAccessSql, tenantIsolationSql } from './tenant-isolation-sql.ts';

/**
 * Risk (risk/): each debtor's payment-behaviour score with its inputs and its credit-limit use as the
 * last refresh left them (`debtor_risk`; `over_limit` is what makes the warning once per crossing), and
 * every crossing of the limit for the debtor's timeline (`credit_limit_crossing`). The forecast
 * (forecast/): the forecast made each day, per day it looked at, for its accuracy afterwards
 * (`forecast_snapshot`; one per administration, currency and day it was made: a rerun replaces it).
 */
export class Migration20261218060000RiskAndForecast extends Migration {
  override name = 'Migration20261218060000RiskAndForecast';

  override up(): void {
    this.addSql(`create table debtor_risk (
      tenant_id text not null,
      debtor_id text not null,
      administration_id text not null,
      score integer check (score between 0 and 100),
      inputs jsonb not null,
      paid_invoices integer not null check (paid_invoices >= 0),
      days_beyond_terms numeric(9, 2),
      computed_on date not null,
      computed_at timestamptz not null default now(),
      limit_currency char(3),
      limit_amount bigint check (limit_amount >= 0),
      limit_open bigint,
      over_limit boolean not null default false,
      primary key (tenant_id, debtor_id),
      check ((limit_amount is null) = (limit_currency is null)),
      foreign key (tenant_id, administration_id, debtor_id) references debtor (tenant_id, administration_id, id) on delete cascade
    );`);
    this.addSql('create index debtor_risk_administration_idx on debtor_risk (tenant_id, administration_id);');

    this.addSql(`create table credit_limit_crossing (
      tenant_id text not null,
      id text not null,
      administration_id text not null,
      debtor_id text not null,
      kind text not null check (kind in ('exceeded', 'within')),
      currency char(3) not null,
      limit_amount bigint not null,
      open_amount bigint not null,
      event_id text,
      at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, administration_id, debtor_id) references debtor (tenant_id, administration_id, id) on delete cascade
    );`);
    this.addSql(
      'create index credit_limit_crossing_debtor_idx on credit_limit_crossing (tenant_id, debtor_id, at desc);',
    );

    this.addSql(`create table forecast_snapshot (
      tenant_id text not null,
      administration_id text not null,
      currency char(3) not null,
      made_on date not null,
      day date not null,
      expected bigint not null check (expected >= 0),
      disputed bigint not null check (disputed >= 0),
      made_at timestamptz not null default now(),
      primary key (tenant_id, administration_id, currency, made_on, day),
      check (day >= made_on),
      foreign key (tenant_id, administration_id) references administration (tenant_id, id) on delete cascade
    );`);
    this.addSql(
      'create index forecast_snapshot_day_idx on forecast_snapshot (tenant_id, administration_id, currency, day);',
    );

    for (const table of ['debtor_risk', 'credit_limit_crossing', 'forecast_snapshot']) {
      for (const sql of tenantIsolationSql(table)) this.addSql(sql);
      this.addSql(administrationAccessSql(table));
    }
  }

  override down(): void {
    this.addSql('drop table forecast_snapshot;');
    this.addSql('drop table credit_limit_crossing;');
    this.addSql('drop table debtor_risk;');
  }
}
