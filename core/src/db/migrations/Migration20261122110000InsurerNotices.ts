import { Migration } from '@mikro-orm/migrations';
import { tenantIsolationSql } from './tenant-isolation-sql.ts';

/**
 * What core sends through capability plugins on its own or at a collector's request:
 * - `insurer_notice`: one row per cover, invoice and due date for which the credit insurer is told
 *   the invoice is overdue (`notifyOverdue`). The row is written `pending` under its unique key before
 *   the call, so no run sends a notice twice; a debtor's invoices notified together share
 *   `idempotency_key`, which the insurer receives on every attempt. `skipped_scope` records a notice
 *   core did not send because the plugin lacks `debtors:read` or `invoices:read`.
 * - `debtor_message`: an SMS or WhatsApp message sent to a debtor through a message-channel plugin
 *   (`send`), with the provider's message id; its id is the idempotency key the provider receives.
 * Both are tenant rows under row-level security like every other.
 */
export class Migration20261122110000InsurerNotices extends Migration {
  override name = 'Migration20261122110000InsurerNotices';

  override up(): void {
    this.addSql(`create table insurer_notice (
      id text primary key,
      tenant_id text not null,
      administration_id text not null,
      debtor_id text not null,
      invoice_id text not null,
      due_date date not null,
      cover_id text not null,
      cover_reference text not null,
      installation_id text not null,
      plugin text not null,
      idempotency_key text not null,
      status text not null check (status in ('pending', 'sent', 'failed', 'skipped_scope')),
      days_overdue integer not null,
      open_amount bigint not null,
      currency char(3) not null,
      notification_reference text check (length(notification_reference) between 1 and 200),
      last_error jsonb,
      attempts integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (tenant_id, cover_id, invoice_id, due_date),
      foreign key (tenant_id, administration_id, debtor_id) references debtor (tenant_id, administration_id, id) on delete cascade,
      foreign key (tenant_id, invoice_id) references invoice (tenant_id, id) on delete cascade
    );`);
    this.addSql('create index insurer_notice_debtor_idx on insurer_notice (debtor_id, id);');
    this.addSql(
      "create index insurer_notice_pending_idx on insurer_notice (tenant_id, idempotency_key) where status = 'pending';",
    );

    this.addSql(`create table debtor_message (
      id text primary key,
      tenant_id text not null,
      administration_id text not null,
      debtor_id text not null,
      installation_id text not null,
      plugin text not null,
      channel text not null check (channel in ('sms', 'whatsapp')),
      "to" text not null check ("to" ~ '^\\+[1-9][0-9]{6,14}$'),
      text text not null check (length(text) between 1 and 1600),
      idempotency_key text not null,
      status text not null check (status in ('pending', 'queued', 'sent', 'delivered', 'failed')),
      provider_message_id text check (length(provider_message_id) between 1 and 200),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (tenant_id, idempotency_key),
      foreign key (tenant_id, administration_id, debtor_id) references debtor (tenant_id, administration_id, id) on delete cascade
    );`);
    this.addSql('create index debtor_message_debtor_idx on debtor_message (debtor_id, id);');

    for (const table of ['insurer_notice', 'debtor_message']) {
      for (const sql of tenantIsolationSql(table)) this.addSql(sql);
    }
  }
}
