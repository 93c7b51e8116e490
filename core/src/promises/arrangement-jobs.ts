import type { Orm } from '../db/orm.ts';
import type { ModuleJobs } from '../jobs/module-jobs.ts';
import { scheduledTask } from '../jobs/scheduled-task.ts';
import { monitorArrangements } from './monitor-arrangements.ts';

export const MONITOR_TASK = 'monitor_arrangements';

/**
 * Promises and plans checked against the payments hourly, at minute 30: bank statements and ERP
 * imports arrive through the day, and a promised date passes at midnight in each administration's
 * time zone, so a verdict comes at most an hour after the fact.
 */
export function arrangementJobs(deps: { orm: Orm }): ModuleJobs {
  return scheduledTask(MONITOR_TASK, '30 * * * *', () => monitorArrangements(deps.orm));
}
