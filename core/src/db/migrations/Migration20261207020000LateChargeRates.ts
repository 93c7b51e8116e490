import { Migration } from '@mikro-orm/migrations';
import { tenantIsolationSql } from './tenant-isolation-sql.ts';

/**
 * `late_charge_rate`: a tenant's own statutory interest rates, one per kind and half-year, which
 * override or extend the table Kredo ships (late-charges/statutory-rates.ts). A rate starts on a
 * 1 January or 1 July and holds for that half-year; `rate` is percent a year.
 */
export class Migration20261207020000LateChargeRates extends Migration {
  override name = 'Migration20261207020000LateChargeRates';

  override up(): void {
    this.addSql(`create table late_charge_rate (
      tenant_id text not null references tenant (id) on delete cascade,
      kind text not null check (kind in ('statutory_commercial', 'statutory')),
      valid_from date not null check (extract(day from valid_from) = 1 and extract(month from valid_from) in (1, 7)),
      rate numeric(6, 3) not null check (rate >= 0),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, kind, valid_from)
    );`);
    for (const sql of tenantIsolationSql('late_charge_rate')) this.addSql(sql);
  }
}
