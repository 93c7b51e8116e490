import type { Orm } from '../db/orm.ts';
import { outboxCommitTrigger } from '../events/index.ts';
import type { ModuleJobs } from '../jobs/module-jobs.ts';
import { refreshAllRisk } from './refresh-risk.ts';

export const RISK_TASK = 'refresh_risk';
/** The same for one tenant, woken by its commits. */
export const RISK_TENANT_TASK = 'refresh_risk_tenant';
/**
 * How long a tenant's commits are gathered before its refresh. A refresh recomputes whole
 * administrations, and an import commits every batch: at most one a minute per tenant keeps a large
 * import from sharing its machine with a refresh every few seconds.
 */
export const RISK_DEBOUNCE_MS = 60_000;

/**
 * Scores and limit use are refreshed:
 * - soon after money arrives or the ledger changes: every commit that records a domain event (a
 *   payment, an import, a promise broken) enqueues the tenant's refresh, one queued per tenant, run a
 *   minute after the first (`preserve_run_at`, as promises/ does);
 * - nightly at 02:10 UTC for every tenant: the window moves a day, and history ages.
 */
export function riskJobs(deps: { orm: Orm; debounceMs?: number }): ModuleJobs {
  const debounceMs = deps.debounceMs ?? RISK_DEBOUNCE_MS;
  return {
    tasks: {
      [RISK_TASK]: async () => {
        await refreshAllRisk(deps.orm);
      },
      [RISK_TENANT_TASK]: async (payload) => {
        const { tenantId } = payload as { tenantId: string };
        await refreshAllRisk(deps.orm, { only: tenantId });
      },
    },
    cron: [{ schedule: '10 2 * * *', task: RISK_TASK }],
    triggers: [
      outboxCommitTrigger('the risk refresh', (tenantId, { addJob }) =>
        addJob(
          RISK_TENANT_TASK,
          { tenantId },
          {
            jobKey: `${RISK_TENANT_TASK}:${tenantId}`,
            jobKeyMode: 'preserve_run_at',
            runAt: new Date(Date.now() + debounceMs),
          },
        ),
      ),
    ],
  };
}
