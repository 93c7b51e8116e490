import { hasSubscriber } from '../events/has-subscriber.ts';
import type { EventTransaction } from '../events/record-event.ts';
import { recordEventsFrom } from '../events/record-events-from.ts';
import { invoiceRecordSql } from './invoice-records.ts';

/**
 * Records `invoice.created` for the invoices and credit notes that `from` (a FROM clause naming the
 * invoice `i`, its parameters numbered `$1…$n`) yields, in the caller's transaction, when an
 * installation of the tenant subscribes; otherwise writes nothing. Call it only with rows the
 * transaction created.
 */
export async function recordInvoicesCreated(
  tx: EventTransaction,
  from: string,
  params: readonly unknown[] = [],
): Promise<number> {
  if (!(await hasSubscriber(tx, 'invoice.created'))) return 0;
  return recordEventsFrom(
    tx,
    'invoice.created',
    `select jsonb_build_object('invoice', ${invoiceRecordSql('i')}) as payload from ${from}`,
    params,
  );
}
