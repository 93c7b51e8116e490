import type { ModuleJobs } from '../jobs/module-jobs.ts';

/**
 * The jobs that deliver pending actions (mail, letters, messages, hand-offs, tasks) and the LISTEN on
 * `kredo_dunning` that wakes them: a placeholder the channels part replaces with its own.
 */
export const deliveryJobs = (_deps: object): ModuleJobs => ({ tasks: {} });
