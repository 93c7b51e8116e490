import { queryIn } from '../events/event-sql.ts';
import type { EventTransaction } from '../events/record-event.ts';

/** What one payment puts on one invoice, with the payment's administration and currency to check against. */
export interface PaidAmount {
  invoiceId: string;
  amount: number;
  administrationId: string;
  currency: string;
}

/**
 * The set-based `updateInvoice(…, { openAmount }, 'payment')` for many payments' allocations to
 * invoices (positive amounts, no credit notes): one statement lowers each open amount by what was
 * paid on it and closes at zero (`open` → `paid`), leaving the ERP's `source_open_amount` alone. The
 * rows must be locked by the caller (`invoicesByPaymentReferences` with `lock`); they are re-checked
 * here all the same (open, same administration and currency, enough open): when one is not, it throws
 * and the caller's rollback leaves nothing half-written.
 */
export async function settlePaidAmounts(tx: EventTransaction, paid: readonly PaidAmount[]): Promise<void> {
  if (paid.length === 0) return;
  const [row] = await queryIn<{ changed: number; wanted: number }>(
    tx,
    `with paid as (
       select invoice_id, sum(amount)::bigint as amount, min(administration_id) as administration_id,
         count(distinct administration_id) as administrations, min(currency) as currency,
         count(distinct currency) as currencies
       from unnest($1::text[], $2::bigint[], $3::text[], $4::text[]) as p (invoice_id, amount, administration_id, currency)
       group by invoice_id
     ),
     changed as (
       update invoice i
       set open_amount = i.open_amount - paid.amount,
           status = case when i.open_amount = paid.amount then 'paid' else i.status end,
           updated_at = now()
       from paid
       where i.id = paid.invoice_id and i.status = 'open' and i.document_type = 'invoice' and paid.amount > 0
         and i.open_amount >= paid.amount and paid.administrations = 1 and i.administration_id = paid.administration_id
         and paid.currencies = 1 and i.currency = paid.currency
       returning 1
     )
     select (select count(*)::int from changed) as changed, (select count(*)::int from paid) as wanted`,
    [
      paid.map((p) => p.invoiceId),
      paid.map((p) => p.amount),
      paid.map((p) => p.administrationId),
      paid.map((p) => p.currency),
    ],
  );
  if (row?.changed !== row?.wanted) {
    throw new Error(
      `${(row?.wanted ?? 0) - (row?.changed ?? 0)} invoice(s) were no longer open for what was paid on them`,
    );
  }
}
