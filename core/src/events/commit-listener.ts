import pg from 'pg';
import type { JobTrigger, TriggerContext } from '../jobs/module-jobs.ts';
import { DISPATCH_TASK } from './event-dispatcher.ts';
import { OUTBOX_CHANNEL } from './record-event.ts';

/**
 * A trigger woken by every commit that recorded a domain event: `LISTEN kredo_outbox` on a connection
 * of its own, and for each notification (recordEvent's `pg_notify`, delivered by PostgreSQL only on
 * commit) `onCommit` with the tenant that committed. A dropped connection only costs latency: the
 * modules that use it keep a cron poll that finds the same work. Another `channel` serves work that
 * is no domain event the same way (a notify whose payload is the tenant's id).
 */
export function outboxCommitTrigger(
  what: string,
  onCommit: (tenantId: string, context: TriggerContext) => Promise<unknown>,
  channel: string = OUTBOX_CHANNEL,
): JobTrigger {
  return async (context) => {
    const client = new pg.Client({ connectionString: context.connectionString });
    await client.connect();
    client.on('notification', (message) => {
      if (message.channel !== channel || !message.payload) return;
      onCommit(message.payload, context).catch((error: Error) =>
        context.logger.warn({ err: error }, `could not enqueue ${what}`),
      );
    });
    client.on('error', () => {});
    await client.query(`listen ${channel}`);
    return { stop: () => client.end() };
  };
}

/** The worker's wake-up on commit: a `dispatch_outbox` job for the tenant, coalesced by job key. */
export const dispatchOnCommit = outboxCommitTrigger('event dispatch', (tenantId, { addJob }) =>
  addJob(DISPATCH_TASK, { tenantId }, { jobKey: `${DISPATCH_TASK}:${tenantId}` }),
);
