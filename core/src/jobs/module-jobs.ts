import type { Runner, TaskList } from 'graphile-worker';
import type { Logger } from 'pino';

/** A recurring run of one task: a graphile-worker crontab line, as data. */
export interface CronEntry {
  /** Crontab schedule in UTC: minute, hour, day of month, month, day of week. */
  schedule: string;
  /** The task to run; one of some module's `tasks`. */
  task: string;
  /** At most one run with this key is queued at a time; the task's name unless given. */
  jobKey?: string;
}

/** What a trigger may use: the running worker's queue, the database and the log. */
export interface TriggerContext {
  addJob: Runner['addJob'];
  /** The database (owner role), for a connection of the trigger's own (a `LISTEN`). */
  connectionString: string;
  logger: Logger;
}

/** Started with the worker, stopped before it: adds jobs as things happen, beside the cron schedule. */
export type JobTrigger = (context: TriggerContext) => Promise<{ stop(): Promise<void> }>;

/** A module's background work, run by the one job worker (jobs/job-worker.ts). */
export interface ModuleJobs {
  /** graphile-worker tasks by name; names are unique across modules. */
  tasks: TaskList;
  cron?: readonly CronEntry[];
  triggers?: readonly JobTrigger[];
}

/** Several parts of one module's background work as one: their tasks, cron entries and triggers. */
export function mergeJobs(...parts: readonly ModuleJobs[]): ModuleJobs {
  return {
    tasks: Object.assign({}, ...parts.map((part) => part.tasks)),
    cron: parts.flatMap((part) => part.cron ?? []),
    triggers: parts.flatMap((part) => part.triggers ?? []),
  };
}
