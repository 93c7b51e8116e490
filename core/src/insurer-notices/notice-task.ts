import type { CapabilityDeps } from '../capabilities/call-capability.ts';
import type { ModuleJobs } from '../jobs/module-jobs.ts';
import { scheduledTask } from '../jobs/scheduled-task.ts';
import { notifyInsurers } from './notify-insurers.ts';

export const NOTICE_TASK = 'notify_insurers';

/**
 * The graphile-worker task that sends insurer notices, and its cron entry: hourly, like the overdue
 * task (an invoice's due date passes at midnight in its administration's time zone), a quarter past so
 * the two do not start together. A run that left notices to retry throws, and graphile-worker runs it
 * again with its backoff; the job key keeps one run queued at a time.
 */
export function insurerNoticeJobs(deps: CapabilityDeps): ModuleJobs {
  return scheduledTask(NOTICE_TASK, '15 * * * *', () => notifyInsurers(deps));
}
