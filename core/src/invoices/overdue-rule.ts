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
   where ${receivableSql('i')} and i.due_date < b.today)`;

/** An invoice that can be or become overdue: open, not a credit note, something left to pay. `i` is its alias. */
function receivableSql(i: string): string {
  return `(${i}.status = 'open' and ${i}.document_type = 'invoice' and ${i}.open_amount > 0)`;
}

/**
 * The open invoices of one administration that are overdue on `date` or will be (dunning's as-of date
 * and its preview, which look at other days than today): every invoice column. Overdue on a date D
 * means due before D, as OVERDUE_INVOICES_SQL says for today. `administrationId` is SQL (a parameter).
 */
export function receivablesSql(administrationId: string): string {
  return `(select i.* from invoice i where i.administration_id = ${administrationId} and ${receivableSql('i')})`;
}

/**
 * The open credit notes of one administration (open amount below zero): what lowers the amount a
 * reminder asks. `administrationId` is SQL (a parameter).
 */
export function openCreditNotesSql(administrationId: string): string {
  return `(select i.id, i.debtor_id, i.number, i.open_amount, i.currency from invoice i
   where i.administration_id = ${administrationId} and i.status = 'open' and i.document_type = 'credit_note'
     and i.open_amount < 0)`;
}

/**
 * Open and due before the business date, credit notes included: the invoice list's `overdue` filter as
 * the API documents it (docs/api.md). `i` is the invoice's alias.
 */
export function pastDueSql(i: string): string {
  return `(${i}.status = 'open' and ${i}.due_date < ${businessDateSql(`${i}.administration_id`)})`;
}
