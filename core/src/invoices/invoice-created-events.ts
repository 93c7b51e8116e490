import { hasSubscriber } from '../events/has-subscriber.ts';
import type { EventTransaction } from '../events/record-event.ts';
import { recordEventsFrom } from '../events/record-events-from.ts';

/** The SDK's InvoiceRecord (sdk/src/records.ts) built in SQL from invoice row `i`. */
export const invoiceRecordSql = (i: string) => `jsonb_build_object(
  'id', ${i}.id, 'administrationId', ${i}.administration_id, 'debtorId', ${i}.debtor_id,
  'number', ${i}.number, 'documentType', ${i}.document_type,
  'issueDate', ${i}.issue_date::text, 'dueDate', ${i}.due_date::text,
  'amount', jsonb_build_object('amount', ${i}.amount, 'currency', ${i}.currency),
  'openAmount', jsonb_build_object('amount', ${i}.open_amount, 'currency', ${i}.currency),
  'status', ${i}.status, 'paymentReference', ${i}.payment_reference, 'description', ${i}.description)`;

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
