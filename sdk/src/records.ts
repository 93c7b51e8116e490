import type { Money } from './money.ts';

/**
 * Core's records as a plugin reads them through `ctx.core` and receives them in hook payloads.
 * Dates are `YYYY-MM-DD` in the tenant's time zone; instants are ISO 8601 strings.
 */
export interface DebtorRecord {
  id: string;
  administrationId: string;
  /** The ERP's debtor number, unique per administration. */
  number: string;
  name: string;
  type: 'company' | 'person';
  vatNumber: string | null;
  /** Chamber of commerce registration number. */
  cocNumber: string | null;
  email: string | null;
  phone: string | null;
  language: string | null;
  /** ISO 3166-1 alpha-2 country of the billing address, when known. */
  country: string | null;
}

export interface InvoiceRecord {
  id: string;
  administrationId: string;
  debtorId: string;
  /** The ERP's invoice number, unique per administration. */
  number: string;
  documentType: 'invoice' | 'credit_note';
  issueDate: string;
  dueDate: string;
  amount: Money;
  openAmount: Money;
  status: 'open' | 'paid' | 'cancelled' | 'written_off';
  paymentReference: string | null;
  description: string | null;
}

export interface PaymentRecord {
  id: string;
  administrationId: string;
  debtorId: string | null;
  amount: Money;
  /** Business date the payment was made. */
  paidOn: string;
  /** The bank's or the payment provider's reference. */
  reference: string | null;
  allocations: { invoiceId: string; amount: Money }[];
}

export interface DisputeRecord {
  id: string;
  debtorId: string;
  invoiceIds: string[];
  type: string;
  description: string | null;
  openedAt: string;
}
