import type { ModuleJobs } from './module-jobs.ts';

/**
 * One task on a schedule, at most one run queued at a time (the job key is the task's name): the
 * shape of most modules' jobs. `schedule` is a crontab schedule in UTC.
 */
export function scheduledTask(task: string, schedule: string, work: () => Promise<unknown>): ModuleJobs {
  return {
    tasks: {
      [task]: async () => {
        await work();
      },
    },
    cron: [{ schedule, task }],
  };
}
