import type { InvoiceRow } from '../invoices/invoice-service.ts';
import { invalid } from '../shared/errors.ts';

export interface AllocationInput {
  invoiceId: string;
  /** Signed minor units: positive against an invoice, negative against a credit note. */
  amount: number;
}

export interface AllocatedPayment {
  administrationId: string;
  currency: string;
  amount: number;
}

/**
 * Checks a payment's allocations against the invoices as locked in this transaction; throws on the
 * first problem, naming the field. Pure, so the rules read in one place apart from the writing.
 * Credit notes allocated in the same payment offset invoices: the signed total must lie between
 * 0 and the payment amount.
 */
export function checkAllocations(
  payment: AllocatedPayment,
  allocations: AllocationInput[],
  lockedInvoices: InvoiceRow[],
): void {
  const byId = new Map(lockedInvoices.map((invoice) => [invoice.id, invoice]));
  const seen = new Set<string>();
  let total = 0;
  allocations.forEach((allocation, i) => {
    const invoiceField = `allocations[${i}].invoiceId`;
    const amountField = `allocations[${i}].amount`;
    // Another tenant's invoice is hidden by row-level security, so it reads as not existing.
    const invoice = byId.get(allocation.invoiceId);
    if (!invoice) throw invalid(invoiceField, `invoice ${allocation.invoiceId} does not exist`);
    if (seen.has(invoice.id))
      throw invalid(invoiceField, `invoice ${invoice.id} is allocated twice in this payment`);
    seen.add(invoice.id);
    if (invoice.administrationId !== payment.administrationId) {
      throw invalid(invoiceField, `invoice ${invoice.number} belongs to another administration`);
    }
    if (invoice.currency !== payment.currency) {
      throw invalid(
        invoiceField,
        `invoice ${invoice.number} is in ${invoice.currency}, the payment in ${payment.currency}`,
      );
    }
    if (invoice.status !== 'open')
      throw invalid(invoiceField, `invoice ${invoice.number} is ${invoice.status}, not open`);
    const creditNote = invoice.documentType === 'credit_note';
    if (allocation.amount === 0 || allocation.amount < 0 !== creditNote) {
      throw invalid(
        amountField,
        `must be ${creditNote ? 'negative for a credit note' : 'positive for an invoice'}`,
      );
    }
    if (Math.abs(allocation.amount) > Math.abs(invoice.openAmount)) {
      throw invalid(amountField, `exceeds the open amount ${invoice.openAmount} of ${invoice.number}`);
    }
    total += allocation.amount;
  });
  if (total > payment.amount) {
    throw invalid('allocations', `total ${total} exceeds the payment amount ${payment.amount}`);
  }
  if (total < 0) {
    throw invalid(
      'allocations',
      `total ${total} is negative: credit notes must not exceed the invoices they offset`,
    );
  }
}
