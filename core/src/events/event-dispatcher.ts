import type { JobHelpers, TaskList } from 'graphile-worker';
import type { PoolClient } from 'pg';
import type { Orm } from '../db/orm.ts';
import { withTenantClient } from '../db/tenant-scope.ts';
import { forEachTenant } from '../jobs/for-each-tenant.ts';
import type { DeliveryError, DeliveryResult, EventDeliverer, EventSubscriber } from './event-deliverer.ts';

export const DISPATCH_TASK = 'dispatch_outbox';
export const DELIVER_TASK = 'deliver_event';

export interface DispatchPayload {
  /** Only this tenant's outbox; absent (the periodic poll) means every tenant's. */
  tenantId?: string;
}

export interface DeliverPayload {
  tenantId: string;
  eventId: string;
  installationId: string;
}

export interface EventTaskOptions {
  orm: Orm;
  deliverer: EventDeliverer;
  /** Attempts of one delivery before it is recorded as failed. */
  maxAttempts: number;
  /** Events claimed per dispatch transaction. */
  batchSize?: number;
  /** A pending delivery older than this with no job is re-enqueued by the poll (a crash between commit and enqueue). */
  stalledAfterMs?: number;
}

/** Thrown by `deliver_event` so graphile-worker retries it with its exponential backoff. */
export class RetryableDeliveryError extends Error {
  override name = 'RetryableDeliveryError';
  constructor(readonly error: DeliveryError) {
    super(`${error.code}: ${error.message}`);
  }
}

/** The delivery's idempotency key: the same for every attempt, and the `deliver_event` job key. */
export const deliveryKey = (eventId: string, installationId: string) => `${eventId}:${installationId}`;

/** The graphile-worker tasks of the event pipeline: the two that carry events from the outbox to plugins. */
export function eventTasks(options: EventTaskOptions): TaskList {
  return {
    [DISPATCH_TASK]: (payload, helpers) => dispatchOutbox(options, payload as DispatchPayload, helpers),
    [DELIVER_TASK]: (payload, helpers) => deliverEvent(options, payload as DeliverPayload, helpers),
  };
}

/**
 * Fans undispatched events out to their subscribers, tenant by tenant under row-level security:
 * 1. claim a batch of undispatched events (`for update skip locked`: concurrent dispatchers split the work);
 * 2. for each, ask the deliverer who subscribes, and insert one delivery row per installation
 *    (`on conflict do nothing`: the primary key is the idempotency key);
 * 3. mark the batch dispatched and commit;
 * 4. enqueue `deliver_event` per delivery, keyed by the idempotency key so no delivery runs twice at once.
 * Then it enqueues the deliveries the tenant asked to retry (`requeued_at`, see event-deliveries.ts).
 * The poll (no tenant) also re-enqueues pending deliveries that lost their job to a crash after step 3.
 */
async function dispatchOutbox(options: EventTaskOptions, payload: DispatchPayload, helpers: JobHelpers) {
  const batchSize = options.batchSize ?? 100;
  const only = payload.tenantId ? { only: payload.tenantId } : {};
  await forEachTenant(
    options.orm,
    async ({ tenantId, transaction }) => {
      let claimed: number;
      do {
        const batch = await transaction((client) =>
          dispatchBatch(client, options.deliverer, tenantId, batchSize),
        );
        await enqueueDeliveries(helpers, options, batch.deliveries);
        claimed = batch.claimed;
      } while (claimed === batchSize);
      const requeued = await transaction((client) => requeuedDeliveries(client, tenantId));
      await enqueueDeliveries(helpers, options, requeued);
      if (!payload.tenantId) {
        const stalled = await transaction((client) =>
          stalledDeliveries(client, tenantId, options.stalledAfterMs ?? 60_000),
        );
        await enqueueDeliveries(helpers, options, stalled);
      }
    },
    only,
  );
}

async function dispatchBatch(client: PoolClient, deliverer: EventDeliverer, tenantId: string, limit: number) {
  const { rows: events } = await client.query<{ id: string; name: string }>(
    `select id, name from outbox_event where dispatched_at is null
     order by id limit $1 for update skip locked`,
    [limit],
  );
  const deliveries: DeliverPayload[] = [];
  // A batch is mostly a few event names: ask for each name's subscribers once.
  const subscribers = new Map<string, Promise<readonly EventSubscriber[]>>();
  for (const event of events) {
    if (!subscribers.has(event.name)) subscribers.set(event.name, deliverer.hooksFor(tenantId, event.name));
    for (const { installationId } of await (subscribers.get(event.name) as Promise<
      readonly EventSubscriber[]
    >)) {
      deliveries.push({ tenantId, eventId: event.id, installationId });
    }
  }
  if (deliveries.length > 0) {
    await client.query(
      `insert into event_delivery (tenant_id, event_id, installation_id)
       select $1, e, i from unnest($2::text[], $3::text[]) as d (e, i)
       on conflict do nothing`,
      [tenantId, deliveries.map((d) => d.eventId), deliveries.map((d) => d.installationId)],
    );
  }
  await client.query('update outbox_event set dispatched_at = now() where id = any($1::text[])', [
    events.map((e) => e.id),
  ]);
  return { claimed: events.length, deliveries };
}

/** Deliveries the tenant asked to retry, taken (cleared) here; a crash before enqueueing leaves them to the poll. */
async function requeuedDeliveries(client: PoolClient, tenantId: string) {
  const { rows } = await client.query<{ event_id: string; installation_id: string }>(
    `update event_delivery set requeued_at = null
     where tenant_id = $1 and requeued_at is not null and status = 'pending'
     returning event_id, installation_id`,
    [tenantId],
  );
  return rows.map((r) => ({ tenantId, eventId: r.event_id, installationId: r.installation_id }));
}

async function stalledDeliveries(client: PoolClient, tenantId: string, olderThanMs: number) {
  const { rows } = await client.query<{ event_id: string; installation_id: string }>(
    `select event_id, installation_id from event_delivery
     where status = 'pending' and created_at < now() - make_interval(secs => $1 / 1000.0)
     order by created_at limit 1000`,
    [olderThanMs],
  );
  return rows.map((r) => ({ tenantId, eventId: r.event_id, installationId: r.installation_id }));
}

async function enqueueDeliveries(
  helpers: JobHelpers,
  options: EventTaskOptions,
  deliveries: DeliverPayload[],
) {
  for (const delivery of deliveries) {
    // unsafe_dedupe: while a job with this key is queued, retrying or running, adding it again is a no-op.
    await helpers.addJob(DELIVER_TASK, delivery, {
      jobKey: deliveryKey(delivery.eventId, delivery.installationId),
      jobKeyMode: 'unsafe_dedupe',
      maxAttempts: options.maxAttempts,
    });
  }
}

/**
 * Delivers one event to one installation, outside any transaction (a slow plugin holds no locks):
 * count the attempt, call the deliverer, then record the outcome. A delivery already delivered or
 * failed is left alone, which makes a duplicate job harmless. A retryable failure is rethrown for
 * graphile-worker's backoff until the last attempt, when it is recorded as failed like any other.
 */
async function deliverEvent(options: EventTaskOptions, payload: DeliverPayload, helpers: JobHelpers) {
  const { tenantId, eventId, installationId } = payload;
  const event = await withTenantClient(options.orm, tenantId, async (client) => {
    const { rows } = await client.query<{ name: string; payload: unknown; occurred_at: string }>(
      `update event_delivery d set attempts = d.attempts + 1
       from outbox_event e
       where d.event_id = $1 and d.installation_id = $2 and d.status = 'pending' and e.id = d.event_id
       returning e.name, e.payload,
         to_char(e.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as occurred_at`,
      [eventId, installationId],
    );
    return rows[0];
  });
  if (!event) return;

  const result = await deliverSafely(options.deliverer, tenantId, installationId, event.name, {
    idempotencyKey: deliveryKey(eventId, installationId),
    eventId,
    name: event.name,
    occurredAt: event.occurred_at,
    data: event.payload,
  });
  if (result.ok) return recordOutcome(options.orm, payload, 'delivered', null);
  const lastAttempt = helpers.job.attempts >= helpers.job.max_attempts;
  if (result.error.retryable && !lastAttempt) {
    await recordOutcome(options.orm, payload, 'pending', result.error);
    throw new RetryableDeliveryError(result.error);
  }
  await recordOutcome(options.orm, payload, 'failed', result.error);
  helpers.logger.warn(`event ${eventId} not delivered to ${installationId}: ${result.error.code}`);
}

async function deliverSafely(
  deliverer: EventDeliverer,
  ...args: Parameters<EventDeliverer['deliver']>
): Promise<DeliveryResult> {
  try {
    return await deliverer.deliver(...args);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'deliverer_error', message, retryable: true } };
  }
}

async function recordOutcome(
  orm: Orm,
  { tenantId, eventId, installationId }: DeliverPayload,
  status: 'pending' | 'delivered' | 'failed',
  error: DeliveryError | null,
) {
  await withTenantClient(orm, tenantId, (client) =>
    client.query(
      `update event_delivery
       set status = $3, last_error = coalesce($4::jsonb, last_error),
           delivered_at = case when $3 = 'delivered' then now() end
       where event_id = $1 and installation_id = $2 and status = 'pending'`,
      [
        eventId,
        installationId,
        status,
        error ? JSON.stringify({ ...error, at: new Date().toISOString() }) : null,
      ],
    ),
  );
}
