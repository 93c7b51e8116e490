import { Migration } from '@mikro-orm/migrations';
import { administrationAccessSql, tenantIsolationSql } from './tenant-isolation-sql.ts';

/**
 * The e-mails confirming to a debtor what it did in the portal (a promise, a plan request, a PO
 * number, a contact change, a question). Each row is written in the action's own transaction,
 * rendered, so it is the outbox a job sends from after commit: one row per action and recipient
 * (`unique (tenant_id, source_id, recipient)`), so a retried request or job never queues or sends a
 * second. A debtor without an e-mail address gets a `not_sent` row saying so, which the timeline shows.
 * A tenant's own texts for them live in its `portal_setting`.
 */
export class Migration20261218010000PortalConfirmations extends Migration {
  override name = 'Migration20261218010000PortalConfirmations';

  override up(): void {
    this.addSql(`create table portal_confirmation (
      tenant_id text not null,
      id text not null,
      administration_id text not null,
      debtor_id text not null,
      action text not null check (action in ('promise', 'payment_plan', 'po_number', 'contact_changed', 'question')),
      source_id text not null,
      recipient text not null check (recipient in ('debtor', 'previous_address')),
      "to" text,
      language text not null,
      from_name text not null,
      reply_to text,
      subject text,
      text text,
      status text not null check (status in ('pending', 'sent', 'not_sent', 'failed')),
      reason text,
      attempts integer not null default 0,
      next_attempt_at timestamptz,
      sent_at timestamptz,
      created_by text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, id),
      unique (tenant_id, source_id, recipient),
      check (status <> 'pending' or ("to" is not null and subject is not null and text is not null)),
      foreign key (tenant_id, administration_id, debtor_id) references debtor (tenant_id, administration_id, id) on delete cascade
    );`);
    this.addSql(
      'create index portal_confirmation_debtor_idx on portal_confirmation (tenant_id, debtor_id, created_at desc);',
    );
    this.addSql(
      "create index portal_confirmation_pending_idx on portal_confirmation (tenant_id, next_attempt_at) where status = 'pending';",
    );
    for (const sql of tenantIsolationSql('portal_confirmation')) this.addSql(sql);
    this.addSql(administrationAccessSql('portal_confirmation'));
    // The tenant's own confirmation texts, per template and language (confirmation-templates.ts).
    this.addSql(
      "alter table portal_setting add column confirmation_templates jsonb not null default '{}'::jsonb;",
    );
  }

  override down(): void {
    this.addSql('alter table portal_setting drop column confirmation_templates;');
    this.addSql('drop table portal_confirmation;');
  }
}
