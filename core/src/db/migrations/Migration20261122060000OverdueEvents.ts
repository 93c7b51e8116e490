import { Migration } from '@mikro-orm/migrations';

/**
 * What set-based event writers need:
 * - `kredo_new_id(prefix)`: the id format of `newId` (shared/ids.ts) generated in SQL, so that
 *   `insert into outbox_event … select … from <inserted rows>` writes thousands of events in one
 *   statement: a 10-digit Crockford base32 millisecond time, then 16 random digits (78 random bits
 *   from `gen_random_uuid`, version bits skipped). Ids sort by millisecond like `newId`'s; within one
 *   millisecond they are unique but not ordered.
 * - `invoice_overdue_notice`: one row per invoice and due date for which `invoice.overdue` was
 *   decided, under a unique key, so the overdue task announces each at most once however often it
 *   runs (a changed due date is a new notice). Tenant-owned and fenced by row-level security.
 * - `event_delivery.requeued_at`: set when the tenant asks to retry a failed delivery; the next
 *   dispatch for the tenant enqueues it again and clears it. And an index for listing an
 *   installation's deliveries.
 */
export class Migration20261122060000OverdueEvents extends Migration {
  override name = 'Migration20261122060000OverdueEvents';

  override up(): void {
    this.addSql(`create function kredo_new_id(prefix text) returns text
      language plpgsql volatile parallel safe
      set search_path = pg_catalog, pg_temp
      as $$
      declare
        alphabet constant text := '0123456789abcdefghjkmnpqrstvwxyz';
        t bigint := floor(extract(epoch from clock_timestamp()) * 1000);
        r bytea := uuid_send(gen_random_uuid());
        body text := '';
      begin
        for i in 1..10 loop
          body := substr(alphabet, (t % 32)::int + 1, 1) || body;
          t := t / 32;
        end loop;
        body := body || substr(alphabet, (get_byte(r, 0) % 16) + 1, 1);
        for i in 1..15 loop
          body := body || substr(alphabet, (get_byte(r, i) % 32) + 1, 1);
        end loop;
        return prefix || '_' || body;
      end $$;`);
    this.addSql(`create table invoice_overdue_notice (
      tenant_id text not null references tenant (id),
      invoice_id text not null,
      due_date date not null,
      days_overdue integer not null,
      created_at timestamptz not null default now(),
      primary key (tenant_id, invoice_id, due_date),
      foreign key (tenant_id, invoice_id) references invoice (tenant_id, id) on delete cascade
    );`);
    this.addSql(
      'alter table invoice_overdue_notice enable row level security; alter table invoice_overdue_notice force row level security;',
    );
    this.addSql(
      `create policy tenant_isolation on invoice_overdue_notice using (tenant_id = current_setting('kredo.tenant_id', true)) with check (tenant_id = current_setting('kredo.tenant_id', true));`,
    );
    this.addSql('grant select, insert, update, delete on invoice_overdue_notice to kredo_app;');
    this.addSql('alter table event_delivery add column requeued_at timestamptz;');
    this.addSql(
      'create index event_delivery_requeued on event_delivery (tenant_id) where requeued_at is not null;',
    );
    this.addSql('create index event_delivery_installation on event_delivery (installation_id, event_id);');
  }
}
