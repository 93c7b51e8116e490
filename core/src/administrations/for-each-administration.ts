import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from '../db/orm.ts';
import { tenantEm } from '../db/tenant-scope.ts';
import { forEachTenant } from '../jobs/for-each-tenant.ts';
import { listAdministrations } from './administration-service.ts';

/**
 * Runs `work` for every administration of every tenant (or of `only`), tenants in id order, each
 * administration in a transaction of its own under its tenant's row-level security: the shape of a
 * job that keeps something per administration (risk's refresh, the forecast's daily snapshot).
 * Answers what each call returned.
 */
export async function forEachAdministration<T>(
  orm: Orm,
  work: (em: EntityManager, ids: { tenantId: string; administrationId: string }) => Promise<T>,
  options: { only?: string } = {},
): Promise<T[]> {
  const results: T[] = [];
  await forEachTenant(
    orm,
    async ({ tenantId }) => {
      const administrations = await tenantEm(orm, tenantId).transactional((em) =>
        listAdministrations(em, undefined, 100_000),
      );
      for (const { id } of administrations) {
        results.push(
          await tenantEm(orm, tenantId).transactional((em) => work(em, { tenantId, administrationId: id })),
        );
      }
    },
    options,
  );
  return results;
}
