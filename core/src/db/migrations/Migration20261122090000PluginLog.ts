import { Migration } from '@mikro-orm/migrations';
import { tenantIsolationSql } from './tenant-isolation-sql.ts';

/**
 * The lines a plugin writes with `ctx.log`, per installation, for the tenant to read. `id` orders
 * them (newest first is `id desc`); `hook` is the call that wrote the line; `dropped` is set only on
 * the marker standing for lines over the rate limit. The runtime keeps the newest lines per
 * installation and uninstall purges them, so the index serves both the listing and the pruning.
 */
export class Migration20261122090000PluginLog extends Migration {
  override name = 'Migration20261122090000PluginLog';

  override up(): void {
    this.addSql(`create table plugin_log (
      id bigint generated always as identity primary key,
      tenant_id text not null references tenant (id),
      installation_id text not null,
      level text not null check (level in ('debug', 'info', 'warn', 'error')),
      message text not null check (length(message) <= 8192),
      hook text check (length(hook) <= 200),
      dropped integer check (dropped > 0),
      created_at timestamptz not null default now()
    );`);
    this.addSql('create index plugin_log_installation_idx on plugin_log (installation_id, id desc);');
    for (const sql of tenantIsolationSql('plugin_log')) this.addSql(sql);
  }
}
