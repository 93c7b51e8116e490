import { parseCrontab, type Runner, run, type TaskList, Logger as WorkerLogger } from 'graphile-worker';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Orm } from '../db/orm.ts';
import { loggableError } from '../shared/log-error.ts';
import type { EventDeliverer } from './event-deliverer.ts';
import { DISPATCH_TASK, eventTasks } from './event-dispatcher.ts';
import { OVERDUE_CRONTAB } from './overdue-task.ts';
import { OUTBOX_CHANNEL } from './record-event.ts';

export interface EventWorkerOptions {
  orm: Orm;
  /** The database (owner role): graphile-worker keeps its queue in its own `graphile_worker` schema. */
  connectionString: string;
  deliverer: EventDeliverer;
  logger: Logger;
  /** Jobs run at once in this process. */
  concurrency?: number;
  /** Attempts of one delivery before it is recorded as failed. */
  maxAttempts?: number;
  /** How often graphile-worker polls for retries and scheduled jobs, in ms (new jobs arrive by LISTEN). */
  pollInterval?: number;
  /** Other modules' tasks and cron lines, run by this worker beside the event tasks. */
  moreTasks?: { taskList: TaskList; crontab: string[] };
}

export interface EventWorker {
  runner: Runner;
  stop(): Promise<void>;
}

/**
 * Runs the event tasks in this process with graphile-worker, signal handling left to the app.
 * Two ways an event reaches `dispatch_outbox`:
 * - after commit: recordEvent's `pg_notify` (delivered by PostgreSQL only on commit) wakes this
 *   worker, which enqueues a dispatch for that tenant, coalesced by job key;
 * - the poll: a graphile-worker cron item runs a dispatch over every tenant each minute, picking up
 *   whatever a missed notification (a worker down at commit time) left behind.
 * A second cron item records `invoice.overdue` hourly (overdue-task.ts); `moreTasks` adds other
 * modules' tasks and cron items (insurer notices).
 */
export async function startEventWorker(options: EventWorkerOptions): Promise<EventWorker> {
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
      taskList: {
        ...options.moreTasks?.taskList,
        ...eventTasks({
          orm: options.orm,
          deliverer: options.deliverer,
          maxAttempts: options.maxAttempts ?? 10,
        }),
      },
      parsedCronItems: parseCrontab(
        [
          `* * * * * ${DISPATCH_TASK} ?jobKey=${DISPATCH_TASK}:poll`,
          OVERDUE_CRONTAB,
          ...(options.moreTasks?.crontab ?? []),
        ].join('\n'),
      ),
    });
  } catch (error) {
    await pool.end();
    throw error;
  }
  let listener: pg.Client | undefined;
  try {
    listener = await listenForCommits(options.connectionString, (tenantId) =>
      runner
        .addJob(DISPATCH_TASK, { tenantId }, { jobKey: `${DISPATCH_TASK}:${tenantId}` })
        .catch((error: Error) => options.logger.warn({ err: error }, 'could not enqueue event dispatch')),
    );
  } catch (error) {
    await runner.stop();
    await pool.end();
    throw error;
  }
  return {
    runner,
    async stop() {
      await listener?.end().catch(() => {});
      await runner.stop();
      await pool.end();
    },
  };
}

async function listenForCommits(connectionString: string, onTenant: (tenantId: string) => void) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  client.on('notification', (message) => {
    if (message.channel === OUTBOX_CHANNEL && message.payload) onTenant(message.payload);
  });
  // A dropped connection only costs latency: the cron poll still finds the events.
  client.on('error', () => {});
  await client.query(`listen ${OUTBOX_CHANNEL}`);
  return client;
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
