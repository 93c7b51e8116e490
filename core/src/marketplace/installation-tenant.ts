import type { Orm } from '../db/orm.ts';
import { APP_ROLE } from '../db/tenant-scope.ts';

/**
 * The tenant of an enabled installation, for a request that names only the installation (an inbound
 * webhook). Runs as the application role through the `installation_tenant` SQL function, the one
 * narrowly scoped cross-tenant read (see Migration20261122050000Webhooks for why it is safe).
 * Undefined for an unknown or disabled installation alike.
 */
export async function installationTenant(orm: Orm, installationId: string): Promise<string | undefined> {
  const em = orm.em.fork({ session: { variables: { role: APP_ROLE } } });
  const [row] = await em.transactional(
    (tx) =>
      tx.execute<{ tenant_id: string | null }[]>('select installation_tenant(?) as tenant_id', [
        installationId,
      ]),
    { readOnly: true },
  );
  return row?.tenant_id ?? undefined;
}
