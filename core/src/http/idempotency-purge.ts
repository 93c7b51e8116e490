import type { Orm } from '../db/orm.ts';
import { forEachTenant } from '../jobs/for-each-tenant.ts';
import type { ModuleJobs } from '../jobs/module-jobs.ts';
import { scheduledTask } from '../jobs/scheduled-task.ts';

const PURGE_IDEMPOTENCY_TASK = 'purge_idempotency_keys';

/**
 * Deletes Idempotency-Keys (and their stored responses) older than `keepHours`, every tenant in turn
 * under its row-level security, like the other cross-tenant jobs. A claim still in progress
 * (status 0) is left to the request that holds it. Answers how many keys went.
 */
export async function purgeIdempotencyKeys(orm: Orm, keepHours: number): Promise<number> {
  const purged = await forEachTenant(orm, (tenant) =>
    tenant.transaction(async (client) => {
      const { rowCount } = await client.query(
        `delete from idempotency_key
          where status_code <> 0 and created_at < now() - make_interval(hours => $1)`,
        [keepHours],
      );
      return rowCount ?? 0;
    }),
  );
  return purged.reduce((total, count) => total + count, 0);
}

/** The hourly purge, for the job worker. */
export function idempotencyPurgeJobs(orm: Orm, keepHours: number): ModuleJobs {
  return scheduledTask(PURGE_IDEMPOTENCY_TASK, '40 * * * *', () => purgeIdempotencyKeys(orm, keepHours));
}
