/**
 * What each debtor of one administration has open, per currency: its open invoices less its open
 * credit notes (signed open amounts of every open document), a derived table `(debtor_id, currency,
 * open_amount)`. Risk's credit-limit use is measured on it. `administrationId` is SQL (a parameter).
 */
export function openBalancesSql(administrationId: string): string {
  return `(select i.debtor_id, i.currency, sum(i.open_amount)::bigint as open_amount from invoice i
     where i.administration_id = ${administrationId} and i.status = 'open'
     group by i.debtor_id, i.currency)`;
}
