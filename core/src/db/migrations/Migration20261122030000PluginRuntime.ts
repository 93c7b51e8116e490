import { Migration } from '@mikro-orm/migrations';

/**
 * What the plugin runtime records on an installation: consecutive limit breaches (reset by a
 * success), the last failure as `{ code, message, at }`, and why the runtime disabled it, shown to
 * the tenant until the tenant enables it again.
 */
export class Migration20261122030000PluginRuntime extends Migration {
  override name = 'Migration20261122030000PluginRuntime';

  override up(): void {
    this.addSql(`alter table installation
      add column breach_count integer not null default 0 check (breach_count >= 0),
      add column last_error jsonb,
      add column disabled_reason text;`);
  }
}
