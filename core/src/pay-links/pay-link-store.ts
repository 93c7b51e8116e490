import { Joi } from '../shared/joi.ts';
import { instant, money, named, prefixedId } from '../shared/schemas.ts';

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

/** A pay link as the API answers it: what `presentPayLink` builds. */
export const payLinkView = named(
  'PayLink',
  Joi.object({
    id: prefixedId('plk').required(),
    debtorId: prefixedId('dbt').required(),
    installationId: prefixedId('ins').required(),
    plugin: Joi.string().required(),
    providerReference: Joi.string().required(),
    url: Joi.string().required().description('Where the debtor pays'),
    expiresAt: instant.required(),
    amount: money.required(),
    invoiceIds: Joi.array().items(prefixedId('inv')).required(),
    status: Joi.string().valid('open', 'expired', 'paid').required(),
    paymentId: prefixedId('pay').allow(null).required(),
    paidAt: instant.allow(null).required(),
    createdAt: instant.required(),
  }),
);

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
