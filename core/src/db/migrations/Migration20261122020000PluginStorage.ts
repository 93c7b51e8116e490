import { Migration } from '@mikro-orm/migrations';

/**
 * A plugin's key-value storage, per tenant and installation. `bytes` is what the entry counts
 * against the installation's quota (key plus JSON value), kept so the quota check is one sum.
 * Fenced by row-level security like every tenant table.
 */
export class Migration20261122020000PluginStorage extends Migration {
  override name = 'Migration20261122020000PluginStorage';

  override up(): void {
    this.addSql(`create table plugin_storage (
      tenant_id text not null references tenant (id),
      installation_key text not null check (length(installation_key) between 1 and 200),
      key text not null check (length(key) between 1 and 256),
      value jsonb not null,
      bytes integer not null check (bytes > 0),
      updated_at timestamptz not null default now(),
      primary key (tenant_id, installation_key, key)
    );`);
    this.addSql(
      'alter table plugin_storage enable row level security; alter table plugin_storage force row level security;',
    );
    this.addSql(
      "create policy tenant_isolation on plugin_storage using (tenant_id = current_setting('kredo.tenant_id', true)) with check (tenant_id = current_setting('kredo.tenant_id', true));",
    );
    this.addSql('grant select, insert, update, delete on plugin_storage to kredo_app;');
  }
}
