import type { Helpers, Task } from 'graphile-worker';
import { localClocksSql } from '../administrations/business-date.ts';
import type { Orm } from '../db/orm.ts';
import { forEachTenant } from '../jobs/for-each-tenant.ts';
import type { ModuleJobs } from '../jobs/module-jobs.ts';
import { runDunning } from './run-dunning.ts';

export const SCHEDULE_TASK = 'dunning_schedule';
export const RUN_TASK = 'dunning_run';

export interface ScheduledRun {
  tenantId: string;
  administrationId: string;
  asOf: string;
}

/**
 * The runs due at `now`: for every tenant, each administration with dunning enabled whose local time
 * (in its time zone) has passed its run time today, and that has no scheduled run for today's business
 * date yet. Each is enqueued as `dunning_run` under a job key per administration and date, so a tick
 * that comes again before the run starts adds nothing.
 */
export async function scheduleDueRuns(
  orm: Orm,
  now: Date,
  addJob: Helpers['addJob'],
): Promise<ScheduledRun[]> {
  const due = await forEachTenant(orm, (turn) =>
    turn.transaction(async (client) => {
      const { rows } = await client.query<{ administration_id: string; today: string }>(
        `select st.administration_id, c.today::text as today
         from dunning_settings st join ${localClocksSql('$1::timestamptz')} c on c.administration_id = st.administration_id
         where st.enabled and c.local_time >= st.run_time
           and not exists (select 1 from dunning_run r where r.administration_id = st.administration_id
                           and r.trigger = 'schedule' and not r.dry_run and r.as_of = c.today)
         order by st.administration_id`,
        [now.toISOString()],
      );
      return rows.map((row) => ({
        tenantId: turn.tenantId,
        administrationId: row.administration_id,
        asOf: row.today,
      }));
    }),
  );
  const runs = due.flat();
  for (const run of runs) {
    await addJob(RUN_TASK, run, {
      jobKey: `${RUN_TASK}:${run.tenantId}:${run.administrationId}:${run.asOf}`,
    });
  }
  return runs;
}

/** The dunning jobs: the quarter-hourly schedule and the run it enqueues. */
export function scheduleJobs(orm: Orm): ModuleJobs {
  const schedule: Task = async (_payload, helpers) => {
    await scheduleDueRuns(orm, new Date(), helpers.addJob);
  };
  const run: Task = async (payload) => {
    const { tenantId, administrationId, asOf } = payload as ScheduledRun;
    await runDunning(
      { orm },
      { tenantId, administrationId, asOf, dryRun: false, trigger: 'schedule', startedBy: null },
    );
  };
  return {
    tasks: { [SCHEDULE_TASK]: schedule, [RUN_TASK]: run },
    cron: [{ schedule: '*/15 * * * *', task: SCHEDULE_TASK }],
  };
}
