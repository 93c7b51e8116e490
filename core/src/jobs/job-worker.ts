import { type Runner, run, Logger as WorkerLogger } from 'graphile-worker';
import pg from 'pg';
import type { Logger } from 'pino';
import { loggableError } from '../shared/log-error.ts';
import { assembleJobs } from './assemble-jobs.ts';
import type { ModuleJobs } from './module-jobs.ts';

export interface JobWorkerOptions {
  /** The database (owner role): graphile-worker keeps its queue in its own `graphile_worker` schema. */
  connectionString: string;
  logger: Logger;
  /** Every module's tasks, cron entries and triggers (app/modules.ts collects them). */
  jobs: readonly ModuleJobs[];
  /** Jobs run at once in this process. */
  concurrency?: number;
  /** How often graphile-worker polls for retries and scheduled jobs, in ms (new jobs arrive by LISTEN). */
  pollInterval?: number;
}

export interface JobWorker {
  runner: Runner;
  stop(): Promise<void>;
}

/**
 * Runs the modules' jobs in this process with graphile-worker, signal handling left to the app:
 * 1. assemble the tasks, crontab and triggers (a clash fails here, before anything starts);
 * 2. start graphile-worker on a pool of our own;
 * 3. start each trigger (the outbox's LISTEN for commits, …).
 * `stop` goes back up: triggers, then the runner, then the pool. A failed start undoes what began.
 */
export async function startJobWorker(options: JobWorkerOptions): Promise<JobWorker> {
  const { taskList, cronItems, triggers } = assembleJobs(options.jobs);
  const concurrency = options.concurrency ?? 4;
  // Our own pool, so `stop` can wait until every connection is closed (graphile-worker ends a pool it
  // made without waiting), and a connection the server ends (a restart, a dropped database) is logged
  // rather than thrown.
  const pool = new pg.Pool({ connectionString: options.connectionString, max: concurrency + 2 });
  pool.on('error', (error) =>
    options.logger.warn({ err: loggableError(error) }, 'a job queue connection failed'),
  );
  let runner: Runner;
  try {
    runner = await run({
      pgPool: pool,
      concurrency,
      noHandleSignals: true,
      pollInterval: options.pollInterval ?? 2000,
      logger: workerLogger(options.logger),
      taskList,
      parsedCronItems: cronItems,
    });
  } catch (error) {
    await pool.end();
    throw error;
  }
  const started: { stop(): Promise<void> }[] = [];
  const stopTriggers = () => Promise.all(started.map((trigger) => trigger.stop().catch(() => {})));
  try {
    const context = {
      addJob: runner.addJob.bind(runner),
      connectionString: options.connectionString,
      logger: options.logger,
    };
    for (const trigger of triggers) started.push(await trigger(context));
  } catch (error) {
    await stopTriggers();
    await runner.stop();
    await pool.end();
    throw error;
  }
  return {
    runner,
    async stop() {
      await stopTriggers();
      await runner.stop();
      await pool.end();
    },
  };
}

/** graphile-worker's log lines into the app's pino logger; its info chatter goes to debug. */
function workerLogger(logger: Logger): WorkerLogger {
  return new WorkerLogger(() => (level, message, meta) => {
    const log = level === 'error' ? logger.error : level === 'warning' ? logger.warn : logger.debug;
    // graphile-worker's meta may carry pg errors, whose client holds the connection password.
    const { error, ...rest } = (meta ?? {}) as { error?: unknown };
    log.call(
      logger,
      { worker: rest, ...(error === undefined ? {} : { err: loggableError(error) }) },
      message,
    );
  });
}
