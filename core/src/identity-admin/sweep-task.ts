import { type Queryable, sweepExpired } from '@kredo/identity';
import type { ModuleJobs } from '../jobs/module-jobs.ts';
import { scheduledTask } from '../jobs/scheduled-task.ts';

export const SWEEP_IDENTITY_TASK = 'sweep_identity_payload';

/**
 * Hourly, at minute 50: deletes the identity server's expired state (sessions, codes, grants …).
 * Expired rows are never returned before that; the sweep only keeps the table from growing.
 */
export function identitySweepJobs(identityDb: Queryable): ModuleJobs {
  return scheduledTask(SWEEP_IDENTITY_TASK, '50 * * * *', () => sweepExpired(identityDb));
}
