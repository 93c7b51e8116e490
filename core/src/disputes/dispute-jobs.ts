import type { Config } from '../config/load-config.ts';
import type { Orm } from '../db/orm.ts';
import type { ModuleJobs } from '../jobs/module-jobs.ts';
import { createMailer } from '../mail/mailer.ts';
import { escalateDisputes } from './escalate-disputes.ts';
import { sendAcknowledgements } from './send-acknowledgements.ts';

export const ESCALATE_TASK = 'escalate_disputes';
export const ACKNOWLEDGE_TASK = 'send_dispute_acknowledgements';

/**
 * Escalation every 15 minutes (a due date passes at midnight in each administration's time zone);
 * acknowledgements every minute, so a debtor hears back within a minute or two of the dispute being
 * opened, with their own backoff for retries. The job key keeps one run of each queued.
 */
export function disputeJobs(deps: { orm: Orm; config: Config }): ModuleJobs {
  const mailer = createMailer(deps.config);
  return {
    tasks: {
      [ESCALATE_TASK]: async () => {
        await escalateDisputes(deps.orm);
      },
      [ACKNOWLEDGE_TASK]: async () => {
        await sendAcknowledgements({ orm: deps.orm, mailer, maxAttempts: deps.config.mailMaxAttempts ?? 8 });
      },
    },
    cron: [
      { schedule: '*/15 * * * *', task: ESCALATE_TASK },
      { schedule: '* * * * *', task: ACKNOWLEDGE_TASK },
    ],
  };
}
