import { Migration } from '@mikro-orm/migrations';

/**
 * What a tenant consented to at install besides scopes (which stay in `granted_scopes`), so an
 * upgrade that widens any of it waits for a new grant: `granted` is
 * `{ origins, secretOrigins: { <secret>: [origin] }, hooks, webhooks, capabilities }`.
 *
 * Existing installations are granted what their installed version asks for. Their versions were
 * published before secrets named origins, and each secret could go to every declared origin: that is
 * what they keep. Row-level security is forced on `installation` (also for its owner), so it is lifted
 * for the backfill inside this migration's transaction; without that, an owner that is not a
 * superuser would update no row.
 */
export class Migration20261122120000InstallationGrant extends Migration {
  override name = 'Migration20261122120000InstallationGrant';

  override up(): void {
    this.addSql('alter table installation add column granted jsonb;');
    this.addSql('alter table installation no force row level security;');
    this.addSql(`update installation i set granted = jsonb_build_object(
      'origins', coalesce(v.manifest #> '{http,origins}', '[]'::jsonb),
      'secretOrigins', coalesce((
        select jsonb_object_agg(f ->> 'key', coalesce(f -> 'origins', v.manifest #> '{http,origins}', '[]'::jsonb))
        from jsonb_array_elements(coalesce(v.manifest -> 'config', '[]'::jsonb)) f
        where f ->> 'secret' = 'true'), '{}'::jsonb),
      'hooks', coalesce((
        select jsonb_agg(h -> 'name') from jsonb_array_elements(coalesce(v.manifest -> 'hooks', '[]'::jsonb)) h),
        '[]'::jsonb),
      'webhooks', coalesce((
        select jsonb_agg(w -> 'name') from jsonb_array_elements(coalesce(v.manifest -> 'webhooks', '[]'::jsonb)) w),
        '[]'::jsonb),
      'capabilities', coalesce(v.manifest -> 'capabilities', '[]'::jsonb))
      from plugin_version v where v.plugin_id = i.plugin_id and v.version = i.version;`);
    this.addSql('alter table installation force row level security;');
    this.addSql('alter table installation alter column granted set not null;');
  }
}
