import { Migration } from '@mikro-orm/migrations';
import { administrationAccessSql, tenantIsolationSql } from './tenant-isolation-sql.ts';

/**
 * The debtor portal (portal/): sessions a tenant's backend mints for one debtor, and the tenant's
 * portal settings (the origins its widget may be embedded on).
 *
 * A CORS preflight names no tenant and carries no token, yet must be refused for an origin that no
 * tenant registered: `portal_origin_registered` answers just that, across tenants, as the migrating
 * role (SECURITY DEFINER, with a read-only policy of its own on the forced row-level security, as
 * `installation_tenant` does). It reveals one bit about an origin the asker names; `kredo_app` gets
 * EXECUTE on it and nothing else.
 */
export class Migration20261217000000PortalSessions extends Migration {
  override name = 'Migration20261217000000PortalSessions';

  override up(): void {
    this.addSql(`create table portal_session (
      tenant_id text not null,
      id text not null,
      administration_id text not null,
      debtor_id text not null,
      created_by text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      revoked_at timestamptz,
      primary key (tenant_id, id),
      check (expires_at > created_at),
      foreign key (tenant_id, administration_id, debtor_id) references debtor (tenant_id, administration_id, id) on delete cascade
    );`);
    this.addSql('create index portal_session_debtor_idx on portal_session (tenant_id, debtor_id);');
    for (const sql of tenantIsolationSql('portal_session')) this.addSql(sql);
    this.addSql(administrationAccessSql('portal_session'));

    this.addSql(`create table portal_setting (
      tenant_id text not null primary key references tenant (id) on delete cascade,
      origins text[] not null default '{}',
      updated_at timestamptz not null default now()
    );`);
    this.addSql('create index portal_setting_origins_idx on portal_setting using gin (origins);');
    for (const sql of tenantIsolationSql('portal_setting')) this.addSql(sql);

    this.addSql(
      'create policy portal_setting_origin_lookup on portal_setting for select to current_user using (true);',
    );
    this.addSql(`create function portal_origin_registered(origin text) returns boolean
      language sql stable security definer
      set search_path = pg_catalog, pg_temp
      as $$ select exists (select from public.portal_setting where origins @> array[origin]) $$;`);
    this.addSql('revoke all on function portal_origin_registered(text) from public;');
    this.addSql('grant execute on function portal_origin_registered(text) to kredo_app;');
  }

  override down(): void {
    this.addSql('drop function portal_origin_registered(text);');
    this.addSql('drop table portal_setting;');
    this.addSql('drop table portal_session;');
  }
}
