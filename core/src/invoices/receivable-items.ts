/**
 * The documents that make up receivables, for figures over time (insight's ageing and KPIs): invoices
 * and credit notes that are open or were paid, with the columns those figures read. Cancelled and
 * written-off documents are left out: they are no longer owed, and Kredo does not record since when.
 * A derived table `(id, administration_id, debtor_id, document_type, issue_date, due_date, amount,
 * open_amount, currency, status)`.
 */
export const RECEIVABLE_ITEMS_SQL = `(select i.id, i.administration_id, i.debtor_id, i.document_type, i.issue_date,
     i.due_date, i.amount, i.open_amount, i.currency, i.status
   from invoice i where i.status in ('open', 'paid'))`;

/** The same, only what is open now: what today's figures read (the `invoice_open_due_idx` rows). */
export const OPEN_ITEMS_SQL = `(select i.id, i.administration_id, i.debtor_id, i.document_type, i.issue_date,
     i.due_date, i.amount, i.open_amount, i.currency, i.status
   from invoice i where i.status = 'open')`;
