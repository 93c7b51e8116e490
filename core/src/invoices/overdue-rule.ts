import { BUSINESS_DATES_SQL, businessDateSql } from '../administrations/business-date.ts';

/**
 * What "overdue" means, written once: an invoice (not a credit note) that is open, with an open amount
 * above zero, whose due date is before its administration's business date. What `invoice.overdue`
 * announces, collection hands off and insurers are told about: other modules select from this
 * derived table rather than say it again. Every invoice column, plus `today` (the administration's
 * business date) and `days_overdue` (whole days since the due date, at least 1).
 */
export const OVERDUE_INVOICES_SQL = `(select i.*, b.today, b.today - i.due_date as days_overdue
   from invoice i join ${BUSINESS_DATES_SQL} b on b.administration_id = i.administration_id
   where i.status = 'open' and i.document_type = 'invoice' and i.open_amount > 0 and i.due_date < b.today)`;

/**
 * Open and due before the business date, credit notes included: the invoice list's `overdue` filter as
 * the API documents it (docs/api.md). `i` is the invoice's alias.
 */
export function pastDueSql(i: string): string {
  return `(${i}.status = 'open' and ${i}.due_date < ${businessDateSql(`${i}.administration_id`)})`;
}
