import type { TaskList } from 'graphile-worker';
import type { Orm } from '../db/orm.ts';
import { allTenantIds, withTenantClient } from '../db/tenant-scope.ts';

const PURGE_IDEMPOTENCY_TASK = 'purge_idempotency_keys';

/**
 * Deletes Idempotency-Keys (and their stored responses) older than `keepHours`, every tenant in turn
 * under its row-level security, like the other cross-tenant jobs. A claim still in progress
 * (status 0) is left to the request that holds it. Answers how many keys went.
 */
export async function purgeIdempotencyKeys(orm: Orm, keepHours: number): Promise<number> {
  let purged = 0;
  for (const id of await allTenantIds(orm)) {
    const { rowCount } = await withTenantClient(orm, id, (client) =>
      client.query(
        `delete from idempotency_key
          where status_code <> 0 and created_at < now() - make_interval(hours => $1)`,
        [keepHours],
      ),
    );
    purged += rowCount ?? 0;
  }
  return purged;
}

/** The hourly purge, for the job worker. */
export function idempotencyPurgeTasks(
  orm: Orm,
  keepHours: number,
): { taskList: TaskList; crontab: string[] } {
  return {
    taskList: {
      [PURGE_IDEMPOTENCY_TASK]: async () => {
        await purgeIdempotencyKeys(orm, keepHours);
      },
    },
    crontab: [`40 * * * * ${PURGE_IDEMPOTENCY_TASK} ?jobKey=${PURGE_IDEMPOTENCY_TASK}`],
  };
}
