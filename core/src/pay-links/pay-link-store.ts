/** A pay link as stored; `invoice_ids` are the invoices it was created for, oldest due first. */
export interface PayLinkRow {
  id: string;
  administration_id: string;
  debtor_id: string;
  installation_id: string;
  plugin: string;
  provider_reference: string;
  url: string;
  expires_at: string | Date;
  amount: string | number;
  currency: string;
  invoice_ids: string[];
  status: 'open' | 'paid';
  payment_id: string | null;
  created_at: string | Date;
  paid_at: string | Date | null;
}

export function presentPayLink(row: PayLinkRow) {
  const expiresAt = new Date(row.expires_at);
  return {
    id: row.id,
    debtorId: row.debtor_id,
    installationId: row.installation_id,
    plugin: row.plugin,
    providerReference: row.provider_reference,
    url: row.url,
    expiresAt,
    amount: { amount: Number(row.amount), currency: row.currency },
    invoiceIds: row.invoice_ids,
    /** `expired` is derived: an open link past its expiry. */
    status: row.status === 'open' && expiresAt.getTime() < Date.now() ? 'expired' : row.status,
    paymentId: row.payment_id,
    paidAt: row.paid_at ? new Date(row.paid_at) : null,
    createdAt: new Date(row.created_at),
  };
}
