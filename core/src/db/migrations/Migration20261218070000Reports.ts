import { Migration } from '@mikro-orm/migrations';
import { administrationAccessSql, tenantIsolationSql } from './tenant-isolation-sql.ts';

/**
 * Scheduled reports (reports/): a tenant's schedules (which report, in which format, how often, to
 * whom), and one row per schedule and period it was mailed for: the row is claimed before the mail
 * is sent and marked sent after, so a crash never sends a period twice under different Message-IDs
 * nor skips it (docs/reports.md, Schedules).
 *
 * A schedule limited to one administration carries it (`administration_id`), under that
 * administration's access policy: a member limited to some administrations can only schedule reports
 * of those.
 */
export class Migration20261218070000Reports extends Migration {
  override name = 'Migration20261218070000Reports';

  override up(): void {
    this.addSql(`create table report_schedule (
      tenant_id text not null,
      id text not null,
      administration_id text,
      name text not null check (length(name) between 1 and 200),
      kind text not null check (kind ~ '^[a-z_]{1,40}$'),
      format text not null check (format in ('csv', 'xlsx', 'pdf')),
      csv_table text,
      parameters jsonb not null default '{}',
      cadence text not null check (cadence in ('daily', 'weekly', 'monthly')),
      hour smallint not null default 7 check (hour between 0 and 23),
      time_zone text not null,
      recipients text[] not null check (cardinality(recipients) between 1 and 20),
      created_by text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, administration_id) references administration (tenant_id, id) on delete cascade
    );`);
    for (const sql of tenantIsolationSql('report_schedule')) this.addSql(sql);
    this.addSql(administrationAccessSql('report_schedule'));

    this.addSql(`create table report_delivery (
      tenant_id text not null,
      schedule_id text not null,
      period text not null,
      administration_id text,
      status text not null check (status in ('sending', 'sent', 'failed')),
      attempts int not null default 1,
      claimed_until timestamptz,
      message_id text not null,
      file_name text,
      reason text,
      sent_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, schedule_id, period),
      foreign key (tenant_id, schedule_id) references report_schedule (tenant_id, id) on delete cascade
    );`);
    this.addSql(
      `create index report_delivery_pending_idx on report_delivery (tenant_id, claimed_until) where status = 'sending';`,
    );
    for (const sql of tenantIsolationSql('report_delivery')) this.addSql(sql);
    this.addSql(administrationAccessSql('report_delivery'));
  }

  override down(): void {
    this.addSql('drop table report_delivery;');
    this.addSql('drop table report_schedule;');
  }
}
