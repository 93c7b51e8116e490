import { queryIn } from './event-sql.ts';
import { type EventTransaction, OUTBOX_CHANNEL } from './record-event.ts';

/**
 * The set-based recordEvent: writes one `name` event per row of `source` (a query returning a jsonb
 * `payload` column) in one `insert … select`, inside the caller's transaction and for its tenant
 * (`kredo.tenant_id`). Ids come from `kredo_new_id('evt')`, the SQL twin of `newId('event')`. One
 * `pg_notify` wakes the workers on commit, as recordEvent's does. `source` numbers its parameters
 * `$1…$n` (see queryIn); the event's name follows them. Returns how many were written.
 */
export async function recordEventsFrom(
  tx: EventTransaction,
  name: string,
  source: string,
  params: readonly unknown[] = [],
): Promise<number> {
  const [row] = await queryIn<{ written: number }>(
    tx,
    `with source as (${source}),
     written as (
       insert into outbox_event (id, tenant_id, name, payload)
       select kredo_new_id('evt'), current_setting('kredo.tenant_id'), $${params.length + 1}::text, payload from source
       returning 1
     )
     select count(*)::int as written from written`,
    [...params, name],
  );
  const written = row?.written ?? 0;
  if (written > 0) {
    await queryIn(tx, "select pg_notify($1, current_setting('kredo.tenant_id'))", [OUTBOX_CHANNEL]);
  }
  return written;
}
