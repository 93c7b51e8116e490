/**
 * When money arrived, as payments/ records it: SQL fragments for set-based work elsewhere (risk's
 * payment behaviour, the forecast's accuracy), so no other module names the payment tables.
 */

/**
 * The day each invoice of one administration was paid: the latest value date of the payments allocated
 * to it (positive allocations: the one that closed it comes last), a derived table `(invoice_id,
 * paid_on)`. Invoices no payment was allocated to (an ERP that imports open amounts instead of
 * payments) are absent. With `after`, only invoices paid after that day: payments dated on or before
 * it are left out, which changes no later paid date, and a window's start costs no older payment.
 * One grouped join over the administration's payments (an allocation's invoice and payment share their
 * administration: check-allocations.ts), not a lookup per invoice. Arguments are SQL (parameters).
 */
export function invoicesPaidOnSql(administrationId: string, after?: string): string {
  return `(select a.invoice_id, max(p.value_date) as paid_on from allocation a join payment p on p.id = a.payment_id
     where p.administration_id = ${administrationId} and a.amount > 0${after ? ` and p.value_date > ${after}` : ''}
     group by a.invoice_id)`;
}

/**
 * What arrived per value date for one administration and currency between two dates (inclusive): the
 * positive allocations of its payments to invoices, a derived table `(day, amount)` (day as date,
 * amount in minor units). Unallocated money and credit-note allocations are left out: the forecast it
 * is compared with places invoices' open amounts. Every argument is SQL (parameters).
 */
export function receiptsByDaySql(
  administrationId: string,
  currency: string,
  from: string,
  to: string,
): string {
  return `(select p.value_date as day, sum(a.amount)::bigint as amount
     from payment p join allocation a on a.payment_id = p.id
     where p.administration_id = ${administrationId} and p.currency = ${currency}
       and p.value_date between ${from} and ${to} and a.amount > 0
     group by p.value_date)`;
}
