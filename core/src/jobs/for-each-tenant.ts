import type { PoolClient } from 'pg';
import type { Orm } from '../db/orm.ts';
import { withTenantClient } from '../db/tenant-scope.ts';

/** One tenant's turn in `forEachTenant`. */
export interface TenantTurn {
  readonly tenantId: string;
  /** Runs `work` in one transaction as this tenant, under its row-level security (`withTenantClient`). */
  transaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T>;
}

/**
 * Runs `work` for every tenant in turn, in id order, and answers what each turn returned. A job's own
 * connection never reads tenant rows: each turn works as its tenant, through `turn.transaction` (or
 * `tenantEm` / `readAsTenant` with `turn.tenantId` where it needs the ORM). `only` limits the run to
 * one tenant (a dispatch woken by that tenant's commit). A turn that throws ends the run there.
 */
export async function forEachTenant<T>(
  orm: Orm,
  work: (turn: TenantTurn) => Promise<T>,
  options: { only?: string } = {},
): Promise<T[]> {
  const tenantIds = options.only ? [options.only] : await allTenantIds(orm);
  const results: T[] = [];
  for (const tenantId of tenantIds) {
    results.push(
      await work({ tenantId, transaction: (inTenant) => withTenantClient(orm, tenantId, inTenant) }),
    );
  }
  return results;
}

/** Every tenant's id. The one read outside any tenant: `tenant` rows are fenced by their own id. */
async function allTenantIds(orm: Orm): Promise<string[]> {
  const rows = await orm.em.fork().execute<{ id: string }[]>('select id from tenant order by id');
  return rows.map((row) => row.id);
}
