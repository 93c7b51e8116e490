import { BUSINESS_DATES_SQL } from '../administrations/index.ts';
import type { Orm } from '../db/orm.ts';
import { tenantEm } from '../db/tenant-scope.ts';
import { forEachTenant } from '../jobs/for-each-tenant.ts';
import type { ModuleJobs } from '../jobs/module-jobs.ts';
import { scheduledTask } from '../jobs/scheduled-task.ts';
import { addDays } from '../shared/iso-date.ts';
import { takeSnapshot } from './take-snapshot.ts';

export const SNAPSHOT_TASK = 'take_insight_snapshots';

/** How far back a missed day is still taken (rebuilt); older gaps stay missing, and the series says so. */
export const CATCH_UP_DAYS = 31;

/** One administration's day that the run took. */
export interface TakenDay {
  tenantId: string;
  administrationId: string;
  day: string;
  rebuilt: boolean;
}

/**
 * The daily snapshots, for every tenant in turn: per administration, each day that has ended (up to
 * yesterday in its time zone) since its last snapshot, at most CATCH_UP_DAYS back, each in its own
 * transaction. An administration without snapshots starts with yesterday. `today` replaces each
 * administration's business date (tests). Running it twice takes nothing twice.
 */
export async function takeDueSnapshots(
  orm: Orm,
  options: { today?: string; only?: string } = {},
): Promise<TakenDay[]> {
  const taken = await forEachTenant(
    orm,
    async ({ tenantId }) => {
      const due = await dueDays(orm, tenantId, options.today);
      for (const day of due) {
        await tenantEm(orm, tenantId).transactional((em) =>
          takeSnapshot(em, tenantId, day.administrationId, day.day, day.rebuilt),
        );
      }
      return due.map((day) => ({ tenantId, ...day }));
    },
    { ...(options.only ? { only: options.only } : {}) },
  );
  return taken.flat();
}

/** Each administration's days still to take, oldest first. */
async function dueDays(
  orm: Orm,
  tenantId: string,
  today?: string,
): Promise<{ administrationId: string; day: string; rebuilt: boolean }[]> {
  const rows = await tenantEm(orm, tenantId).execute<
    { administration_id: string; today: string; last: string | null }[]
  >(
    `select b.administration_id, to_char(coalesce(?::date, b.today), 'YYYY-MM-DD') as today,
       (select to_char(max(s.day), 'YYYY-MM-DD') from insight_snapshot_day s where s.administration_id = b.administration_id) as last
     from ${BUSINESS_DATES_SQL} b order by b.administration_id`,
    [today ?? null],
  );
  return rows.flatMap((row) => {
    const yesterday = addDays(row.today, -1);
    const first =
      row.last === null ? yesterday : maxDate(addDays(row.last, 1), addDays(yesterday, 1 - CATCH_UP_DAYS));
    const days: { administrationId: string; day: string; rebuilt: boolean }[] = [];
    for (let day = first; day <= yesterday; day = addDays(day, 1)) {
      days.push({ administrationId: row.administration_id, day, rebuilt: day < yesterday });
    }
    return days;
  });
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

/** Hourly: a day ends at midnight in each administration's time zone, whichever that is. */
export function snapshotJobs(orm: Orm): ModuleJobs {
  return scheduledTask(SNAPSHOT_TASK, '20 * * * *', () => takeDueSnapshots(orm));
}
