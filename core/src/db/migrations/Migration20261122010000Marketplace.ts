import { Migration } from '@mikro-orm/migrations';

/**
 * The plugin marketplace. Publishers, their signing keys and the published versions are
 * marketplace-global: no tenant owns them, so no row-level security; kredo_app may only read them and
 * the marketplace service writes them on the owner's connection. Installations belong to a tenant and
 * are fenced like the ledger tables.
 */
export class Migration20261122010000Marketplace extends Migration {
  override name = 'Migration20261122010000Marketplace';

  override up(): void {
    this.addSql(`create table publisher (
      id text primary key,
      name text not null check (length(name) between 1 and 200),
      created_at timestamptz not null default now()
    );`);

    this.addSql(`create table publisher_key (
      id text primary key,
      publisher_id text not null references publisher (id),
      public_jwk jsonb not null,
      created_at timestamptz not null default now(),
      revoked_at timestamptz
    );`);
    this.addSql('create index publisher_key_publisher_idx on publisher_key (publisher_id);');

    this.addSql(`create table plugin_version (
      plugin_id text not null,
      version text not null,
      publisher_id text not null references publisher (id),
      manifest jsonb not null,
      bundle bytea not null,
      bundle_sha256 text not null check (bundle_sha256 ~ '^[0-9a-f]{64}$'),
      signature text not null,
      published_at timestamptz not null default now(),
      primary key (plugin_id, version)
    );`);

    this.addSql(`create table installation (
      id text primary key,
      tenant_id text not null references tenant (id),
      plugin_id text not null,
      version text not null,
      granted_scopes text[] not null default '{}',
      config jsonb not null default '{}',
      secrets bytea,
      enabled boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (tenant_id, plugin_id),
      foreign key (plugin_id, version) references plugin_version (plugin_id, version)
    );`);
    this.addSql(
      'alter table installation enable row level security; alter table installation force row level security;',
    );
    this.addSql(
      "create policy tenant_isolation on installation using (tenant_id = current_setting('kredo.tenant_id', true)) with check (tenant_id = current_setting('kredo.tenant_id', true));",
    );

    this.addSql('grant select on publisher, publisher_key, plugin_version to kredo_app;');
    this.addSql('grant select, insert, update, delete on installation to kredo_app;');
  }
}
