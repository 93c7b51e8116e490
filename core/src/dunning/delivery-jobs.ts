import type { JobHelpers } from 'graphile-worker';
import pg from 'pg';
import type { Config } from '../config/load-config.ts';
import { settings } from '../config/settings.ts';
import type { Orm } from '../db/orm.ts';
import { tenantEm } from '../db/tenant-scope.ts';
import { forEachTenant } from '../jobs/for-each-tenant.ts';
import type { JobTrigger, ModuleJobs } from '../jobs/module-jobs.ts';
import { createMailer } from '../mail/mailer.ts';
import type { PluginRuntime } from '../plugin-runtime/index.ts';
import { deliverAction } from './deliver-action.ts';
import type { DeliveryDeps } from './delivery-deps.ts';
import { claimActionsToDeliver } from './delivery-store.ts';
import { DUNNING_CHANNEL } from './run-write.ts';

export const DELIVER_PENDING_TASK = 'dunning_deliver_pending';
export const DELIVER_ACTION_TASK = 'dunning_deliver';

export interface DeliverPendingPayload {
  /** Only this tenant (woken by its commit); absent: every tenant (the poll). */
  tenantId?: string;
}
export interface DeliverActionPayload {
  tenantId: string;
  actionId: string;
}

/**
 * The delivery's jobs: `dunning_deliver_pending` enqueues one `dunning_deliver` per action to
 * deliver, and is started two ways: after a run commits (its `pg_notify('kredo_dunning', tenant)`,
 * heard by `deliverOnCommit`) and by a poll each minute, which also picks up deliveries a crash left
 * `sending` for more than five minutes. `dunning_deliver` is retried with backoff up to
 * KREDO_MAIL_MAX_ATTEMPTS.
 */
export function deliveryJobs(
  deps: { orm: Orm; config: Config; runtime: PluginRuntime; publicUrl: () => string },
  options: { deliveryDeps?: DeliveryDeps } = {},
): ModuleJobs {
  const delivery: DeliveryDeps = options.deliveryDeps ?? {
    orm: deps.orm,
    runtime: deps.runtime,
    publicUrl: deps.publicUrl,
    filterDeadlineMs: deps.config.pluginDeadlineMs,
    mailer: createMailer(deps.config),
  };
  const maxAttempts = deps.config.mailMaxAttempts ?? settings.mailMaxAttempts.default;
  return {
    tasks: {
      [DELIVER_PENDING_TASK]: async (payload, helpers) => {
        await enqueueDeliveries(delivery, payload as DeliverPendingPayload, helpers, maxAttempts);
      },
      [DELIVER_ACTION_TASK]: async (payload, helpers) => {
        const { tenantId, actionId } = payload as DeliverActionPayload;
        const lastAttempt = helpers.job.attempts >= helpers.job.max_attempts;
        await deliverAction(delivery, { tenantId, actionId, lastAttempt });
      },
    },
    cron: [{ schedule: '* * * * *', task: DELIVER_PENDING_TASK, jobKey: `${DELIVER_PENDING_TASK}:poll` }],
    triggers: [deliverOnCommit],
  };
}

/**
 * Claims the actions to deliver (`for update skip locked`, so concurrent pollers split them) and
 * enqueues a `dunning_deliver` per action, keyed by the action id: while one is queued, retrying or
 * running, adding it again does nothing.
 */
export async function enqueueDeliveries(
  deps: Pick<DeliveryDeps, 'orm'>,
  payload: DeliverPendingPayload,
  helpers: Pick<JobHelpers, 'addJob'>,
  maxAttempts: number,
): Promise<number> {
  let enqueued = 0;
  await forEachTenant(
    deps.orm,
    async ({ tenantId }) => {
      await tenantEm(deps.orm, tenantId).transactional(async (em) => {
        const ids = await claimActionsToDeliver(em, { limit: 10_000, stalledAfterSeconds: 300 });
        for (const actionId of ids) {
          await helpers.addJob(DELIVER_ACTION_TASK, { tenantId, actionId } satisfies DeliverActionPayload, {
            jobKey: `${DELIVER_ACTION_TASK}:${actionId}`,
            jobKeyMode: 'unsafe_dedupe',
            maxAttempts,
          });
        }
        enqueued += ids.length;
      });
    },
    payload.tenantId ? { only: payload.tenantId } : {},
  );
  return enqueued;
}

/** LISTEN on the runs' channel: each commit that decided actions wakes a delivery for that tenant. */
export const deliverOnCommit: JobTrigger = async ({ addJob, connectionString, logger }) => {
  const client = new pg.Client({ connectionString });
  await client.connect();
  client.on('notification', (message) => {
    if (message.channel !== DUNNING_CHANNEL || !message.payload) return;
    const tenantId = message.payload;
    addJob(DELIVER_PENDING_TASK, { tenantId }, { jobKey: `${DELIVER_PENDING_TASK}:${tenantId}` }).catch(
      (error: Error) => logger.warn({ err: error }, 'could not enqueue dunning delivery'),
    );
  });
  // A lost connection only costs latency: the poll still finds the actions.
  client.on('error', () => {});
  await client.query(`listen ${DUNNING_CHANNEL}`);
  return { stop: () => client.end() };
};
