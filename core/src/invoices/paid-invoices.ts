/**
 * The paid invoices of one administration (not credit notes): what payment behaviour is measured on.
 * Every invoice column. `administrationId` is SQL (a parameter).
 */
export function paidInvoicesSql(administrationId: string): string {
  return `(select i.* from invoice i
     where i.administration_id = ${administrationId} and i.status = 'paid' and i.document_type = 'invoice')`;
}
