/**
 * What payments with a value date after `date` allocated to one invoice, as a scalar SQL expression:
 * what the invoice's open amount still included on `date`. Insight reconstructs past open amounts with
 * it (open on D = open now + paid after D). `invoiceId` (text) and `date` (a date) are SQL (columns or
 * parameters). Credit-note allocations are negative and count as they were booked.
 */
export function paidAfterSql(invoiceId: string, date: string): string {
  return `(select coalesce(sum(a.amount), 0)::bigint from allocation a join payment p on p.id = a.payment_id
     where a.invoice_id = ${invoiceId} and p.value_date > ${date})`;
}

/**
 * Each invoice's payments: a derived table `(invoice_id, value_date, amount)`, one row per allocation,
 * dated by the payment's value date (when the money arrived). Insight measures collections and the days
 * an invoice took to be paid with it.
 */
export const INVOICE_PAYMENTS_SQL = `(select a.invoice_id, p.value_date, a.amount
   from allocation a join payment p on p.id = a.payment_id)`;
