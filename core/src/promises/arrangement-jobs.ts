import type { Orm } from '../db/orm.ts';
import { outboxCommitTrigger } from '../events/index.ts';
import type { ModuleJobs } from '../jobs/module-jobs.ts';
import { monitorArrangements } from './monitor-arrangements.ts';

export const MONITOR_TASK = 'monitor_arrangements';
/** The same check for one tenant, woken by its commits. */
export const MONITOR_TENANT_TASK = 'monitor_arrangements_tenant';
/** How long a tenant's commits are gathered before its check runs: an import commits many times. */
export const MONITOR_DEBOUNCE_MS = 5_000;

/**
 * Promises and plans are checked against the payments:
 * - soon after money arrives: every commit that records a domain event (a payment, an import, a
 *   pay link's payment, a credit note) enqueues the tenant's check, at most one queued per tenant and
 *   run a few seconds later (`preserve_run_at` keeps the first run time, so a busy tenant is still
 *   checked every few seconds, not never). A kept promise lifts its pause before the next run;
 * - hourly at minute 30 for every tenant: a promised date passes at midnight in each administration's
 *   time zone with no commit to wake anyone, and a lost notification is caught up here.
 */
export function arrangementJobs(deps: { orm: Orm }): ModuleJobs {
  return {
    tasks: {
      [MONITOR_TASK]: async () => {
        await monitorArrangements(deps.orm);
      },
      [MONITOR_TENANT_TASK]: async (payload) => {
        const { tenantId } = payload as { tenantId: string };
        await monitorArrangements(deps.orm, { only: tenantId });
      },
    },
    cron: [{ schedule: '30 * * * *', task: MONITOR_TASK }],
    triggers: [
      outboxCommitTrigger('the promise and plan check', (tenantId, { addJob }) =>
        addJob(
          MONITOR_TENANT_TASK,
          { tenantId },
          {
            jobKey: `${MONITOR_TENANT_TASK}:${tenantId}`,
            jobKeyMode: 'preserve_run_at',
            runAt: new Date(Date.now() + MONITOR_DEBOUNCE_MS),
          },
        ),
      ),
    ],
  };
}
