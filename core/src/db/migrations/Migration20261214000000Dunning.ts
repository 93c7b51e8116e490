import { Migration } from '@mikro-orm/migrations';
import { tenantIsolationSql } from './tenant-isolation-sql.ts';

const TABLES = [
  'dunning_strategy',
  'dunning_strategy_version',
  'dunning_segment',
  'dunning_settings',
  'dunning_state',
  'dunning_run',
  'dunning_action',
  'dunning_pause',
  'task',
];

/**
 * Dunning and the action list.
 * - `dunning_strategy` / `dunning_strategy_version`: an action path is data, versioned: editing one
 *   writes a new version; actions keep pointing at the version that made them.
 * - `dunning_segment`: ordered rules choosing a debtor's strategy (first match wins);
 *   `dunning_settings`: per administration, the default strategy and the time of day the daily run starts.
 * - `dunning_state`: per dunned party (a debtor, or the parent of a group dunned at group level), the
 *   current episode and its next due step and date, so missed runs take each overdue step once.
 * - `dunning_run`: one run (by hand, by the schedule, or a dry run) and its summary.
 * - `dunning_action`: what a run decided, under a deterministic idempotency key; sending happens from
 *   these rows (an outbox), so a crash between decided and sent sends exactly once.
 * - `dunning_pause`: disputes, promises, payment plans and manual holds keeping a debtor or an invoice
 *   out of the runs until they end or are lifted.
 * - `task`: the collectors' action list (phone calls, manual steps, resumed dunning, disputes to handle).
 * `debtor.collector` is the staff user (token subject) who works the debtor; `debtor.group_dunning` on a
 * parent makes its whole group one dossier: one reminder for the group's overdue invoices.
 */
export class Migration20261214000000Dunning extends Migration {
  override name = 'Migration20261214000000Dunning';

  override up(): void {
    this.addSql(`alter table debtor add column collector text check (length(collector) between 1 and 200),
      add column group_dunning boolean not null default false;`);
    this.addSql(
      'create index debtor_collector_idx on debtor (tenant_id, collector) where collector is not null;',
    );

    this.addSql(`create table dunning_strategy (
      tenant_id text not null,
      id text not null,
      administration_id text not null,
      name text not null check (length(name) between 1 and 200),
      current_version integer not null check (current_version >= 1),
      archived_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, administration_id, name),
      foreign key (tenant_id, administration_id) references administration (tenant_id, id) on delete cascade
    );`);
    this.addSql(`create table dunning_strategy_version (
      tenant_id text not null,
      strategy_id text not null,
      version integer not null check (version >= 1),
      definition jsonb not null,
      created_by text,
      created_at timestamptz not null default now(),
      primary key (tenant_id, strategy_id, version),
      foreign key (tenant_id, strategy_id) references dunning_strategy (tenant_id, id) on delete cascade
    );`);
    this.addSql(`create table dunning_segment (
      tenant_id text not null,
      id text not null,
      administration_id text not null,
      position integer not null check (position >= 1),
      name text not null check (length(name) between 1 and 200),
      conditions jsonb not null default '{}',
      strategy_id text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, administration_id, position) deferrable initially deferred,
      foreign key (tenant_id, administration_id) references administration (tenant_id, id) on delete cascade,
      foreign key (tenant_id, strategy_id) references dunning_strategy (tenant_id, id)
    );`);
    this.addSql(`create table dunning_settings (
      tenant_id text not null,
      administration_id text not null,
      default_strategy_id text,
      run_time time not null default '06:00',
      enabled boolean not null default true,
      updated_at timestamptz not null default now(),
      primary key (tenant_id, administration_id),
      foreign key (tenant_id, administration_id) references administration (tenant_id, id) on delete cascade,
      foreign key (tenant_id, default_strategy_id) references dunning_strategy (tenant_id, id)
    );`);
    this.addSql(`create table dunning_state (
      tenant_id text not null,
      administration_id text not null,
      debtor_id text not null,
      episode integer not null check (episode >= 1),
      episode_started_on date not null,
      strategy_id text not null,
      strategy_version integer not null,
      segment_id text,
      last_step integer,
      last_step_on date,
      next_step integer,
      next_due_on date,
      closed_on date,
      updated_at timestamptz not null default now(),
      primary key (tenant_id, debtor_id),
      foreign key (tenant_id, administration_id, debtor_id) references debtor (tenant_id, administration_id, id) on delete cascade
    );`);
    this.addSql(`create table dunning_run (
      tenant_id text not null,
      id text not null,
      administration_id text not null,
      as_of date not null,
      dry_run boolean not null,
      trigger text not null check (trigger in ('schedule', 'api', 'cli')),
      status text not null check (status in ('running', 'succeeded', 'failed')),
      started_by text,
      summary jsonb,
      error jsonb,
      started_at timestamptz not null default now(),
      finished_at timestamptz,
      primary key (tenant_id, id),
      foreign key (tenant_id, administration_id) references administration (tenant_id, id) on delete cascade
    );`);
    this.addSql(
      'create index dunning_run_administration_idx on dunning_run (tenant_id, administration_id, started_at desc);',
    );
    this.addSql(`create table dunning_action (
      tenant_id text not null,
      id text not null,
      administration_id text not null,
      debtor_id text not null,
      run_id text,
      episode integer not null,
      strategy_id text not null,
      strategy_version integer not null,
      step_index integer not null,
      step_name text not null,
      kind text not null check (kind in ('email', 'letter', 'sms', 'whatsapp', 'phone_call', 'manual_task', 'collection', 'stop')),
      idempotency_key text not null,
      status text not null check (status in ('pending', 'sending', 'sent', 'failed', 'task_created', 'skipped', 'cancelled')),
      due_on date not null,
      language text not null,
      currency char(3) not null,
      total_open bigint not null,
      invoices jsonb not null,
      credits jsonb not null default '[]',
      charges jsonb,
      reason jsonb not null,
      manual boolean not null default false,
      created_by text,
      attempts integer not null default 0,
      last_error jsonb,
      delivery jsonb,
      sent_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, idempotency_key),
      foreign key (tenant_id, administration_id, debtor_id) references debtor (tenant_id, administration_id, id) on delete cascade
    );`);
    this.addSql(
      'create index dunning_action_debtor_idx on dunning_action (tenant_id, debtor_id, created_at desc);',
    );
    this.addSql(
      "create index dunning_action_pending_idx on dunning_action (tenant_id, created_at) where status in ('pending', 'sending');",
    );
    this.addSql(`create table dunning_pause (
      tenant_id text not null,
      id text not null,
      administration_id text not null,
      debtor_id text not null,
      invoice_id text,
      kind text not null check (kind in ('dispute', 'promise', 'plan', 'hold')),
      source_id text,
      reason text check (length(reason) <= 2000),
      starts_on date not null,
      ends_on date,
      lifted_at timestamptz,
      lifted_because text check (lifted_because in ('ended', 'broken', 'resolved', 'cancelled')),
      created_by text,
      created_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, administration_id, debtor_id) references debtor (tenant_id, administration_id, id) on delete cascade,
      foreign key (tenant_id, invoice_id) references invoice (tenant_id, id) on delete cascade
    );`);
    this.addSql(
      'create index dunning_pause_active_idx on dunning_pause (tenant_id, debtor_id) where lifted_at is null;',
    );
    this.addSql(
      "create unique index dunning_pause_source_idx on dunning_pause (tenant_id, kind, source_id, coalesce(invoice_id, '')) where source_id is not null;",
    );
    this.addSql(`create table task (
      tenant_id text not null,
      id text not null,
      administration_id text not null,
      debtor_id text not null,
      kind text not null check (length(kind) between 1 and 64),
      title text not null check (length(title) between 1 and 500),
      body text check (length(body) <= 10000),
      assignee text check (length(assignee) between 1 and 200),
      due_on date not null,
      status text not null default 'open' check (status in ('open', 'done', 'cancelled')),
      outcome jsonb,
      source_type text,
      source_id text,
      idempotency_key text not null,
      created_by text,
      completed_by text,
      completed_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, idempotency_key),
      foreign key (tenant_id, administration_id, debtor_id) references debtor (tenant_id, administration_id, id) on delete cascade
    );`);
    this.addSql("create index task_open_idx on task (tenant_id, assignee, due_on) where status = 'open';");
    this.addSql('create index task_debtor_idx on task (tenant_id, debtor_id, created_at desc);');
    for (const table of TABLES) for (const sql of tenantIsolationSql(table)) this.addSql(sql);
  }

  override down(): void {
    for (const table of [...TABLES].reverse()) this.addSql(`drop table ${table};`);
    this.addSql('alter table debtor drop column collector, drop column group_dunning;');
  }
}
