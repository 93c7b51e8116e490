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

/** What a dunning run decided for one debtor (or group) and one step of its strategy. */
export interface DunningActionRecord {
  id: string;
  administrationId: string;
  /** The dunned party: the debtor, or the parent of a group dunned at group level. */
  debtorId: string;
  kind: 'email' | 'letter' | 'sms' | 'whatsapp' | 'phone_call' | 'manual_task' | 'collection' | 'stop';
  /** The strategy's step name, e.g. "First reminder". */
  step: string;
  strategyId: string;
  strategyVersion: number;
  /** The dunning episode of the debtor this action belongs to (a new one starts after everything was paid). */
  episode: number;
  /** The business date the step was due. */
  dueOn: string;
  language: string;
  /** The open amount asked: the covered invoices less credit notes and unallocated payments. */
  totalOpen: Money;
  invoices: { invoiceId: string; number: string; dueDate: string; daysOverdue: number; openAmount: Money }[];
}

/** A debtor's promise to pay an amount by a date; dunning of its invoices waits until then plus a grace period. */
export interface PromiseRecord {
  id: string;
  debtorId: string;
  invoiceIds: string[];
  amount: Money;
  promisedOn: string;
  status: 'open' | 'kept' | 'broken' | 'cancelled';
}

/** A payment plan: the debtor pays the covered invoices in instalments; dunning waits while they are met. */
export interface PaymentPlanRecord {
  id: string;
  debtorId: string;
  invoiceIds: string[];
  total: Money;
  instalments: { dueOn: string; amount: Money; paid: Money }[];
  status: 'active' | 'completed' | 'defaulted' | 'cancelled';
}
