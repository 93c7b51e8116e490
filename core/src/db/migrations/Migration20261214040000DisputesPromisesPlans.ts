import { Migration } from '@mikro-orm/migrations';
import { tenantIsolationSql } from './tenant-isolation-sql.ts';

const TABLES = [
  'dispute_type',
  'dispute_settings',
  'dispute',
  'arrangement_settings',
  'payment_promise',
  'payment_plan',
];

/**
 * Disputes, promises to pay and payment plans: what keeps invoices out of dunning by agreement.
 * - `dispute_type`: a tenant's own version of a dispute type (the defaults live in code,
 *   disputes/default-dispute-types.ts): names and acknowledgement templates per language, due days,
 *   who a missed dispute escalates to. `dispute_settings`: the tenant's escalation user.
 * - `dispute`: a complaint about some of a debtor's invoices, its deadline and escalation, its
 *   resolution, and its acknowledgement e-mail as an outbox (rendered when opened, sent after commit by
 *   a job with a deterministic Message-ID; or why none was sent).
 * - `arrangement_settings`: per administration, the grace days and a payment plan's limits.
 * - `payment_promise`, `payment_plan` (its instalments as a jsonb schedule): what the debtor agreed to
 *   pay and by when; the monitoring job compares them with the payments.
 */
export class Migration20261214040000DisputesPromisesPlans extends Migration {
  override name = 'Migration20261214040000DisputesPromisesPlans';

  override up(): void {
    this.addSql(`create table dispute_type (
      tenant_id text not null,
      code text not null check (code ~ '^[a-z][a-z0-9_]{1,39}$'),
      names jsonb not null,
      templates jsonb not null,
      due_days integer not null check (due_days between 1 and 90),
      escalate_to text check (length(escalate_to) between 1 and 200),
      active boolean not null default true,
      updated_by text,
      updated_at timestamptz not null default now(),
      primary key (tenant_id, code)
    );`);
    this.addSql(`create table dispute_settings (
      tenant_id text not null,
      escalate_to text check (length(escalate_to) between 1 and 200),
      updated_at timestamptz not null default now(),
      primary key (tenant_id)
    );`);
    this.addSql(`create table dispute (
      tenant_id text not null,
      id text not null,
      administration_id text not null,
      debtor_id text not null,
      invoice_ids text[] not null check (cardinality(invoice_ids) >= 1),
      type text not null,
      description text not null check (length(description) between 1 and 5000),
      status text not null default 'open' check (status in ('open', 'resolved')),
      assignee text check (length(assignee) between 1 and 200),
      contact jsonb,
      language text not null,
      opened_on date not null,
      due_on date not null,
      escalated_at timestamptz,
      escalated_to text,
      resolution text check (resolution in ('credit_note', 'rejected', 'settled')),
      resolution_note text check (length(resolution_note) <= 5000),
      credit_note_id text,
      resolved_at timestamptz,
      resolved_by text,
      ack_status text not null check (ack_status in ('pending', 'sent', 'not_sent', 'failed')),
      ack_to text,
      ack_subject text,
      ack_text text,
      ack_reason text,
      ack_attempts integer not null default 0,
      ack_next_attempt_at timestamptz,
      ack_sent_at timestamptz,
      created_by text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, administration_id, debtor_id) references debtor (tenant_id, administration_id, id) on delete cascade
    );`);
    this.addSql('create index dispute_debtor_idx on dispute (tenant_id, debtor_id, created_at desc);');
    this.addSql(
      "create index dispute_open_idx on dispute (tenant_id, due_on) where status = 'open' and escalated_at is null;",
    );
    this.addSql(
      "create index dispute_ack_pending_idx on dispute (tenant_id, ack_next_attempt_at) where ack_status = 'pending';",
    );
    this.addSql(`create table arrangement_settings (
      tenant_id text not null,
      administration_id text not null,
      promise_grace_days integer not null default 3 check (promise_grace_days between 0 and 60),
      plan_grace_days integer not null default 3 check (plan_grace_days between 0 and 60),
      plan_max_instalments integer not null default 24 check (plan_max_instalments between 1 and 120),
      plan_min_instalment bigint not null default 2500 check (plan_min_instalment >= 1),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, administration_id),
      foreign key (tenant_id, administration_id) references administration (tenant_id, id) on delete cascade
    );`);
    this.addSql(`create table payment_promise (
      tenant_id text not null,
      id text not null,
      administration_id text not null,
      debtor_id text not null,
      invoice_ids text[] not null check (cardinality(invoice_ids) >= 1),
      currency char(3) not null,
      amount bigint not null check (amount > 0),
      open_at_start bigint not null,
      promised_on date not null,
      grace_days integer not null check (grace_days between 0 and 60),
      made_on date not null,
      status text not null default 'open' check (status in ('open', 'kept', 'broken', 'cancelled')),
      paid bigint not null default 0,
      closed_at timestamptz,
      created_by text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, administration_id, debtor_id) references debtor (tenant_id, administration_id, id) on delete cascade
    );`);
    this.addSql(
      'create index payment_promise_debtor_idx on payment_promise (tenant_id, debtor_id, created_at desc);',
    );
    this.addSql(
      "create index payment_promise_open_idx on payment_promise (tenant_id, promised_on) where status = 'open';",
    );
    this.addSql(`create table payment_plan (
      tenant_id text not null,
      id text not null,
      administration_id text not null,
      debtor_id text not null,
      invoice_ids text[] not null check (cardinality(invoice_ids) >= 1),
      currency char(3) not null,
      principal bigint not null check (principal > 0),
      interest bigint not null check (interest >= 0),
      total bigint not null check (total = principal + interest),
      frequency text check (frequency in ('monthly', 'weekly', 'biweekly')),
      interest_rate_percent numeric(7, 4) check (interest_rate_percent >= 0),
      grace_days integer not null check (grace_days between 0 and 60),
      schedule jsonb not null,
      made_on date not null,
      status text not null default 'active' check (status in ('active', 'completed', 'defaulted', 'cancelled')),
      paid bigint not null default 0,
      closed_on date,
      closed_at timestamptz,
      created_by text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      foreign key (tenant_id, administration_id, debtor_id) references debtor (tenant_id, administration_id, id) on delete cascade
    );`);
    this.addSql(
      'create index payment_plan_debtor_idx on payment_plan (tenant_id, debtor_id, created_at desc);',
    );
    this.addSql("create index payment_plan_active_idx on payment_plan (tenant_id) where status = 'active';");
    for (const table of TABLES) for (const sql of tenantIsolationSql(table)) this.addSql(sql);
  }

  override down(): void {
    for (const table of [...TABLES].reverse()) this.addSql(`drop table ${table};`);
  }
}
