import type { EntityManager } from '@mikro-orm/postgresql';
import type { PoolClient } from 'pg';
import { newId } from '../shared/ids.ts';
import { queryIn } from './event-sql.ts';

/** Channel recordEvent notifies on; PostgreSQL delivers the notification only when the transaction commits. */
export const OUTBOX_CHANNEL = 'kredo_outbox';

/** A transaction the caller holds open: an EntityManager inside `transactional`, or a raw client after `begin`. */
export type EventTransaction = EntityManager | PoolClient;

/**
 * Writes a domain event into the outbox inside the caller's transaction, so the event exists if and
 * only if the change commits. The `pg_notify` rides on the same transaction: on commit it wakes the
 * event workers (which enqueue `dispatch_outbox`), on rollback it is dropped with the event.
 * Returns the event id.
 */
export async function recordEvent(
  tx: EventTransaction,
  tenantId: string,
  name: string,
  payload: Record<string, unknown>,
): Promise<string> {
  const [id] = await recordEvents(tx, tenantId, name, [payload]);
  return id as string;
}

/**
 * recordEvent for many events of one name at once, in the caller's transaction: one insert and one
 * `pg_notify` whatever the count. Returns the events' ids in the payloads' order, so the caller can
 * point its own rows at them.
 */
export async function recordEvents(
  tx: EventTransaction,
  tenantId: string,
  name: string,
  payloads: readonly Record<string, unknown>[],
): Promise<string[]> {
  if (payloads.length === 0) return [];
  const ids = payloads.map(() => newId('event'));
  await queryIn(
    tx,
    `insert into outbox_event (id, tenant_id, name, payload)
     select e.id, $1, $2, e.payload from unnest($3::text[], $4::jsonb[]) as e (id, payload)`,
    [tenantId, name, ids, payloads.map((payload) => JSON.stringify(payload))],
  );
  await queryIn(tx, 'select pg_notify($1, $2)', [OUTBOX_CHANNEL, tenantId]);
  return ids;
}
