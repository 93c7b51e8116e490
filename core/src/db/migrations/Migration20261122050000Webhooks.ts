import { Migration } from '@mikro-orm/migrations';

/**
 * The one cross-tenant read Kredo allows: an inbound webhook names an installation, not a tenant
 * (a payment provider holds no Kredo token), so the API must learn the tenant before it can work
 * under row-level security. `installation_tenant` answers exactly that and nothing more, and only
 * for an enabled installation. It is safe because:
 * - it returns one tenant id for an id the caller already holds (80 random bits, not guessable):
 *   no rows, no listing, no other column;
 * - the tenant id only selects the tenant the rest of the request runs as; the installation is
 *   then read again under that tenant's row-level security, and the plugin (the tenant's own
 *   choice) decides whether the request is genuine;
 * - an unknown and a disabled installation both answer null, which the route turns into
 *   one identical 404.
 * SECURITY DEFINER runs it as the migrating role. Row-level security on `installation` is forced,
 * so that role gets a read-only policy of its own; `kredo_app`, the role tenant work runs under,
 * gets EXECUTE on the function and nothing else.
 */
export class Migration20261122050000Webhooks extends Migration {
  override name = 'Migration20261122050000Webhooks';

  override up(): void {
    this.addSql(
      'create policy installation_tenant_lookup on installation for select to current_user using (enabled);',
    );
    this.addSql(`create function installation_tenant(installation_id text) returns text
      language sql stable security definer
      set search_path = pg_catalog, pg_temp
      as $$ select tenant_id from public.installation where id = installation_id and enabled $$;`);
    this.addSql('revoke all on function installation_tenant(text) from public;');
    this.addSql('grant execute on function installation_tenant(text) to kredo_app;');
  }
}
