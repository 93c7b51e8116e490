import { hasSubscriber } from '../events/has-subscriber.ts';
import type { EventTransaction } from '../events/record-event.ts';
import { recordEventsFrom } from '../events/record-events-from.ts';
import { debtorRecordSql } from './debtor-records.ts';

/**
 * Records `debtor.created` for the debtors that `from` (a FROM clause naming the debtor `d`, its
 * parameters numbered `$1…$n`) yields, in the caller's transaction, when an installation of the tenant
 * subscribes; otherwise writes nothing. Call it only with rows the transaction created. Returns the
 * number of events.
 */
export async function recordDebtorsCreated(
  tx: EventTransaction,
  from: string,
  params: readonly unknown[] = [],
): Promise<number> {
  if (!(await hasSubscriber(tx, 'debtor.created'))) return 0;
  return recordEventsFrom(
    tx,
    'debtor.created',
    `select jsonb_build_object('debtor', ${debtorRecordSql('d')}) as payload from ${from}`,
    params,
  );
}
