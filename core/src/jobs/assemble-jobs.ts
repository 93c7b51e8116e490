import { type ParsedCronItem, parseCrontab, type TaskList } from 'graphile-worker';
import type { CronEntry, JobTrigger, ModuleJobs } from './module-jobs.ts';

export interface AssembledJobs {
  taskList: TaskList;
  cronItems: ParsedCronItem[];
  triggers: JobTrigger[];
}

/**
 * The modules' tasks, crontab and triggers as one worker runs them. A task name two modules both
 * define, or a cron entry naming no task, is a programming mistake: it fails here, at start-up,
 * rather than one task silently replacing another or a schedule enqueueing jobs nobody runs.
 */
export function assembleJobs(modules: readonly ModuleJobs[]): AssembledJobs {
  const taskList: TaskList = {};
  for (const { tasks } of modules) {
    for (const [name, task] of Object.entries(tasks)) {
      if (name in taskList) throw new Error(`two modules define the job task "${name}"`);
      taskList[name] = task;
    }
  }
  const cron = modules.flatMap((module) => module.cron ?? []);
  for (const entry of cron) {
    if (!(entry.task in taskList)) throw new Error(`a cron entry names the unknown job task "${entry.task}"`);
  }
  return {
    taskList,
    cronItems: parseCrontab(cron.map(crontabLine).join('\n')),
    triggers: modules.flatMap((module) => module.triggers ?? []),
  };
}

/** One crontab line; its identifier (what graphile-worker remembers it by) is the task's name. */
export function crontabLine(entry: CronEntry): string {
  return `${entry.schedule} ${entry.task} ?jobKey=${entry.jobKey ?? entry.task}`;
}
