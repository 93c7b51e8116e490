import { Migration } from '@mikro-orm/migrations';

/**
 * The domain-event outbox. `outbox_event` is written in the same transaction as the change it
 * describes, so an event exists exactly when its change committed; `dispatched_at` is set once the
 * dispatcher has fanned it out. `event_delivery` is one row per event and subscribed installation:
 * its primary key is the delivery's idempotency key, so a re-dispatch or a retry never doubles it.
 * Both are tenant-owned and fenced by row-level security.
 */
export class Migration20261122040000Outbox extends Migration {
  override name = 'Migration20261122040000Outbox';

  override up(): void {
    this.addSql(`create table outbox_event (
      id text primary key,
      tenant_id text not null references tenant (id),
      name text not null check (name ~ '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$'),
      payload jsonb not null,
      created_at timestamptz not null default now(),
      dispatched_at timestamptz,
      unique (tenant_id, id)
    );`);
    // The dispatcher's claim query reads only undispatched events: keep that index small.
    this.addSql(
      'create index outbox_event_undispatched on outbox_event (tenant_id, id) where dispatched_at is null;',
    );
    this.addSql(`create table event_delivery (
      tenant_id text not null,
      event_id text not null,
      installation_id text not null,
      status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
      attempts integer not null default 0 check (attempts >= 0),
      last_error jsonb,
      created_at timestamptz not null default now(),
      delivered_at timestamptz,
      primary key (event_id, installation_id),
      foreign key (tenant_id, event_id) references outbox_event (tenant_id, id) on delete cascade
    );`);
    this.addSql(
      "create index event_delivery_pending on event_delivery (tenant_id, created_at) where status = 'pending';",
    );
    for (const table of ['outbox_event', 'event_delivery']) {
      this.addSql(
        `alter table ${table} enable row level security; alter table ${table} force row level security;`,
      );
      this.addSql(
        `create policy tenant_isolation on ${table} using (tenant_id = current_setting('kredo.tenant_id', true)) with check (tenant_id = current_setting('kredo.tenant_id', true));`,
      );
      this.addSql(`grant select, insert, update, delete on ${table} to kredo_app;`);
    }
  }
}
