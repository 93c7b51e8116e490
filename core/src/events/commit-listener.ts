import pg from 'pg';
import type { JobTrigger } from '../jobs/module-jobs.ts';
import { DISPATCH_TASK } from './event-dispatcher.ts';
import { OUTBOX_CHANNEL } from './record-event.ts';

/**
 * The worker's wake-up on commit: `LISTEN kredo_outbox` on a connection of its own, and for each
 * notification (recordEvent's `pg_notify`, delivered by PostgreSQL only on commit) a `dispatch_outbox`
 * job for that tenant, coalesced by job key. A dropped connection only costs latency: the cron poll
 * still finds the events.
 */
export const dispatchOnCommit: JobTrigger = async ({ addJob, connectionString, logger }) => {
  const client = new pg.Client({ connectionString });
  await client.connect();
  client.on('notification', (message) => {
    if (message.channel !== OUTBOX_CHANNEL || !message.payload) return;
    const tenantId = message.payload;
    addJob(DISPATCH_TASK, { tenantId }, { jobKey: `${DISPATCH_TASK}:${tenantId}` }).catch((error: Error) =>
      logger.warn({ err: error }, 'could not enqueue event dispatch'),
    );
  });
  client.on('error', () => {});
  await client.query(`listen ${OUTBOX_CHANNEL}`);
  return { stop: () => client.end() };
};
