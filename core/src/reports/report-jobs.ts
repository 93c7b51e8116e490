import type { Config } from '../config/load-config.ts';
import type { Orm } from '../db/orm.ts';
import type { ModuleJobs } from '../jobs/module-jobs.ts';
import { scheduledTask } from '../jobs/scheduled-task.ts';
import { createMailer } from '../mail/mailer.ts';
import { sendScheduledReports } from './send-scheduled-reports.ts';

export const SEND_REPORTS_TASK = 'send_scheduled_reports';

/**
 * Every 5 minutes: a schedule's hour is kept within minutes, and a retry's wait (2^attempts minutes)
 * is honoured to about that. The job key keeps one run queued at a time.
 */
export function reportJobs(deps: { orm: Orm; config: Config }): ModuleJobs {
  const mailer = createMailer(deps.config);
  return scheduledTask(SEND_REPORTS_TASK, '*/5 * * * *', () =>
    sendScheduledReports({ orm: deps.orm, mailer, maxAttempts: deps.config.mailMaxAttempts ?? 8 }),
  );
}
