import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from '../../db/orm.ts';
import { outboxCommitTrigger } from '../../events/index.ts';
import type { ModuleJobs, TriggerContext } from '../../jobs/module-jobs.ts';
import { matchTenant } from './match-tenant.ts';
import { sweepUnmatched } from './sweep-unmatched.ts';

/** Matches a tenant's entries still due (match-tenant.ts). */
export const MATCH_TASK = 'match_bank_entries';
/** Each minute: wakes the matching of every tenant with entries left unmatched (sweep-unmatched.ts). */
export const SWEEP_TASK = 'sweep_unmatched_bank_entries';
/** Notified with the tenant's id by an import that leaves its matching to the job. */
export const MATCHING_CHANNEL = 'kredo_bank_matching';

export interface MatchPayload {
  tenantId: string;
}

/**
 * The matching of imported bank entries as background work, started two ways: an import too large
 * to match in its own call notifies `kredo_bank_matching` (heard here, it enqueues the tenant's job
 * within a second), and the sweep each minute enqueues it for every tenant with entries left
 * unmatched, which heals a crash between an import's commit and its matching and a lost wake-up.
 * One matching job per tenant is queued and runs at a time (its job key and queue), so one tenant's
 * large statement does not take every worker.
 */
export function matchingJobs(deps: { orm: Orm }): ModuleJobs {
  return {
    tasks: {
      [MATCH_TASK]: async (payload, helpers) => {
        const { tenantId } = payload as MatchPayload;
        for (const { statementId, summary } of await matchTenant(deps.orm, tenantId)) {
          for (const failure of summary.failures) {
            const givenUp = summary.givenUp.includes(failure.entryId);
            const what = `bank entry ${failure.entryId} of ${statementId} could not be matched`;
            const log = { tenantId, message: failure.message };
            if (givenUp) helpers.logger.error(`${what}, for the last time: it waits for a person`, log);
            else helpers.logger.warn(what, log);
          }
        }
      },
      [SWEEP_TASK]: async (_payload, helpers) => {
        await sweepUnmatched(deps.orm, (tenantId) => enqueueMatching(helpers.addJob, tenantId));
      },
    },
    cron: [{ schedule: '* * * * *', task: SWEEP_TASK }],
    triggers: [
      outboxCommitTrigger(
        'the matching of imported bank entries',
        (tenantId, { addJob }) => enqueueMatching(addJob, tenantId),
        MATCHING_CHANNEL,
      ),
    ],
  };
}

/** The tenant's matching job: at most one waiting (its job key), one running at a time (its queue). */
export function enqueueMatching(addJob: TriggerContext['addJob'], tenantId: string) {
  const name = `${MATCH_TASK}:${tenantId}`;
  return addJob(MATCH_TASK, { tenantId } satisfies MatchPayload, { jobKey: name, queueName: name });
}

/**
 * Hands the tenant's new entries to the matching job: a wake-up the job worker hears (delivered on
 * commit, so sent after the entries are). Lost or unheard, the sweep still finds them a minute later.
 */
export async function requestMatching(em: EntityManager, tenantId: string): Promise<void> {
  await em.execute('select pg_notify(?, ?)', [MATCHING_CHANNEL, tenantId]);
}
