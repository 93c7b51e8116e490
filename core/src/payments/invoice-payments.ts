/**
 * Each invoice's payments: a derived table `(invoice_id, value_date, amount)`, one row per allocation,
 * dated by the payment's value date (when the money arrived). Insight rebuilds past open amounts with
 * it (open on D = open now + what payments dated after D allocated).
 */
export const INVOICE_PAYMENTS_SQL = `(select a.invoice_id, p.value_date, a.amount
   from allocation a join payment p on p.id = a.payment_id)`;
