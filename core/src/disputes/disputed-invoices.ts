/**
 * What other modules read of disputes in set-based SQL (risk's score, the forecast's disputed series),
 * so that none names the dispute table. Arguments are SQL (parameters or columns).
 */

/** The invoices of one administration in an open dispute: a derived table `(invoice_id, debtor_id)`, each invoice once. */
export function openDisputedInvoicesSql(administrationId: string): string {
  return `(select distinct unnest(d.invoice_ids) as invoice_id, d.debtor_id from dispute d
     where d.administration_id = ${administrationId} and d.status = 'open')`;
}

/** Per debtor of one administration, the disputes opened in `(from, to]`: a derived table `(debtor_id, disputes)`. */
export function disputesOpenedSql(administrationId: string, from: string, to: string): string {
  return `(select d.debtor_id, count(*)::int as disputes from dispute d
     where d.administration_id = ${administrationId} and d.opened_on > ${from} and d.opened_on <= ${to}
     group by d.debtor_id)`;
}
