import { settings } from '../config/settings.ts';
import type { ModuleJobs } from '../jobs/module-jobs.ts';
import { dispatchOnCommit } from './commit-listener.ts';
import { DISPATCH_TASK, type EventTaskOptions, eventTasks } from './event-dispatcher.ts';

/**
 * The event pipeline's jobs: `dispatch_outbox` and `deliver_event`, and two ways an event reaches
 * `dispatch_outbox`:
 * - after commit: recordEvent's `pg_notify` wakes the worker (dispatchOnCommit), which enqueues a
 *   dispatch for that tenant;
 * - the poll: a cron entry runs a dispatch over every tenant each minute, picking up whatever a
 *   missed notification (a worker down at commit time) left behind.
 */
export function eventJobs(
  options: Omit<EventTaskOptions, 'maxAttempts'> & Partial<Pick<EventTaskOptions, 'maxAttempts'>>,
): ModuleJobs {
  return {
    tasks: eventTasks({ maxAttempts: settings.eventMaxAttempts.default, ...options }),
    cron: [{ schedule: '* * * * *', task: DISPATCH_TASK, jobKey: `${DISPATCH_TASK}:poll` }],
    triggers: [dispatchOnCommit],
  };
}
