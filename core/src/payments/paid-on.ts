/**
 * When money arrived, as payments/ records it: SQL fragments for set-based work elsewhere (risk's
 * payment behaviour, the forecast's accuracy), so no other module names the payment tables.
 */

/**
 * The day an invoice was paid: the latest value date of the payments allocated to it (positive
 * allocations: the one that closed it comes last), or null when no payment was allocated to it (an
 * ERP that imports open amounts instead of payments). `invoiceId` is SQL (a column).
 */
export function invoicePaidOnSql(invoiceId: string): string {
  return `(select max(p.value_date) from allocation a join payment p on p.id = a.payment_id
     where a.invoice_id = ${invoiceId} and a.amount > 0)`;
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
