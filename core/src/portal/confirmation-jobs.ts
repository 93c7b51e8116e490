import pg from 'pg';
import type { Config } from '../config/load-config.ts';
import { settings } from '../config/settings.ts';
import type { Orm } from '../db/orm.ts';
import type { JobTrigger, ModuleJobs } from '../jobs/module-jobs.ts';
import { createMailer } from '../mail/mailer.ts';
import { CONFIRMATION_CHANNEL } from './queue-confirmation.ts';
import { sendConfirmations } from './send-confirmations.ts';

export const CONFIRM_TASK = 'send_portal_confirmations';

/** Only this tenant (woken by its commit); absent: every tenant (the poll). */
export interface ConfirmPayload {
  tenantId?: string;
}

/**
 * The confirmations' job, started two ways: when a portal action commits (its `pg_notify`, heard by
 * `confirmOnCommit`), so the debtor has the mail within seconds, and by a poll each minute, which
 * also sends what waits for a retry and what a lost wake-up or a crashed worker left behind.
 */
export function confirmationJobs(deps: { orm: Orm; config: Config }): ModuleJobs {
  const mailer = createMailer(deps.config);
  const maxAttempts = deps.config.mailMaxAttempts ?? settings.mailMaxAttempts.default;
  return {
    tasks: {
      [CONFIRM_TASK]: async (payload) => {
        const { tenantId } = (payload ?? {}) as ConfirmPayload;
        await sendConfirmations({
          orm: deps.orm,
          mailer,
          maxAttempts,
          ...(tenantId ? { only: tenantId } : {}),
        });
      },
    },
    cron: [{ schedule: '* * * * *', task: CONFIRM_TASK, jobKey: `${CONFIRM_TASK}:poll` }],
    triggers: [confirmOnCommit],
  };
}

/** LISTEN on the confirmations' channel: each commit that queued one wakes a send for that tenant. */
const confirmOnCommit: JobTrigger = async ({ addJob, connectionString, logger }) => {
  const client = new pg.Client({ connectionString });
  await client.connect();
  client.on('notification', (message) => {
    if (message.channel !== CONFIRMATION_CHANNEL || !message.payload) return;
    const tenantId = message.payload;
    addJob(CONFIRM_TASK, { tenantId } satisfies ConfirmPayload, {
      jobKey: `${CONFIRM_TASK}:${tenantId}`,
    }).catch((error: Error) => logger.warn({ err: error }, 'could not enqueue portal confirmations'));
  });
  // A lost connection only costs latency: the poll still finds the confirmations.
  client.on('error', () => {});
  await client.query(`listen ${CONFIRMATION_CHANNEL}`);
  return { stop: () => client.end() };
};
