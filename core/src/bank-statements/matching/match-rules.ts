import type { PayableInvoice } from '../../invoices/index.ts';
import type { ReferencedPayLink } from '../../pay-links/index.ts';
import type { FoundReference } from './creditor-reference.ts';

export type MatchRule = 'structured_reference' | 'invoice_number' | 'iban_amount' | 'pay_link';

/** At or above this confidence a credit is booked without a person; below, it waits in the queue. */
export const AUTO_MATCH_CONFIDENCE = 75;

/** A bank credit as the rules see it. */
export interface Credit {
  amount: number;
  currency: string;
}

export interface Allocation {
  invoiceId: string;
  amount: number;
}

/** What a rule concluded: the debtor it pays, the allocations, how sure and why. */
export interface Verdict {
  rule: MatchRule;
  confidence: number;
  reason: string;
  debtorId: string | null;
  allocations: Allocation[];
  /** A pay link the credit pays: marked paid with the payment. */
  payLinkId?: string;
  /** The payment the credit brings in was recorded already (a pay link the provider reported paid). */
  existingPaymentId?: string;
}

/**
 * Spreads an amount over open invoices oldest due first (the order given): each gets at most its open
 * amount; what is left is the debtor's unallocated credit, an invoice reached last keeps the rest open.
 */
export function allocateOldestFirst(amount: number, invoices: readonly PayableInvoice[]): Allocation[] {
  const allocations: Allocation[] = [];
  let left = amount;
  for (const invoice of invoices) {
    if (left <= 0) break;
    if (invoice.status !== 'open' || invoice.openAmount <= 0) continue;
    const part = Math.min(left, invoice.openAmount);
    allocations.push({ invoiceId: invoice.id, amount: part });
    left -= part;
  }
  return allocations;
}

const numbers = (invoices: readonly PayableInvoice[]) => invoices.map((i) => i.number).join(', ');
const sum = (invoices: readonly PayableInvoice[]) => invoices.reduce((t, i) => t + i.openAmount, 0);
const debtorsOf = (invoices: readonly PayableInvoice[]) => [...new Set(invoices.map((i) => i.debtorId))];

/** Words for how an amount relates to what is open: partial, exact, or leaving credit. */
function coverage(credit: Credit, open: number): string {
  if (credit.amount === open) return 'the exact open amount';
  return credit.amount < open ? 'part of the open amount' : 'more than the open amount (the rest is credit)';
}

/**
 * Rule 1: a structured reference (a valid RF or betalingskenmerk, or the invoice's own payment
 * reference) names invoices of one debtor. Sure (100 for a checked RF or kenmerk, 95 for a reference
 * without check digits) whatever the amount: partial payments leave the rest open, more is credit.
 * References of several debtors, or only of invoices paid already, are a person's call.
 */
export function byStructuredReference(
  credit: Credit,
  references: readonly FoundReference[],
  invoices: readonly PayableInvoice[],
): Verdict | null {
  const named = invoices.filter((i) => i.currency === credit.currency);
  if (named.length === 0) return null;
  const checked = references.some((r) => r.kind !== 'other');
  const debtors = debtorsOf(named);
  const open = named.filter((i) => i.status === 'open');
  const base = { rule: 'structured_reference' as const, allocations: [] as Allocation[] };
  if (debtors.length > 1) {
    return {
      ...base,
      confidence: 40,
      debtorId: null,
      reason: `references name invoices of ${debtors.length} debtors (${numbers(named)})`,
    };
  }
  if (open.length === 0) {
    return {
      ...base,
      confidence: 50,
      debtorId: debtors[0] as string,
      reason: `references invoice ${numbers(named)}, which is no longer open`,
    };
  }
  return {
    ...base,
    confidence: checked ? 100 : 95,
    debtorId: debtors[0] as string,
    reason: `${checked ? 'checked structured reference' : 'payment reference'} of invoice ${numbers(open)}; pays ${coverage(credit, sum(open))}`,
    allocations: allocateOldestFirst(credit.amount, open),
  };
}

/**
 * Rule 2: invoice numbers standing as whole words in the remittance text, open and of one debtor.
 * 90 when the amount is their open total, 80 when it pays part of it, 75 when it pays more.
 */
export function byInvoiceNumber(credit: Credit, invoices: readonly PayableInvoice[]): Verdict | null {
  const open = invoices.filter((i) => i.currency === credit.currency && i.status === 'open');
  if (open.length === 0) return null;
  const debtors = debtorsOf(open);
  const base = { rule: 'invoice_number' as const };
  if (debtors.length > 1) {
    return {
      ...base,
      confidence: 40,
      debtorId: null,
      allocations: [],
      reason: `invoice numbers ${numbers(open)} belong to ${debtors.length} debtors`,
    };
  }
  const total = sum(open);
  const confidence = credit.amount === total ? 90 : credit.amount < total ? 80 : 75;
  return {
    ...base,
    confidence,
    debtorId: debtors[0] as string,
    reason: `invoice number${open.length > 1 ? 's' : ''} ${numbers(open)} in the remittance text; pays ${coverage(credit, total)}`,
    allocations: allocateOldestFirst(credit.amount, open),
  };
}

/**
 * Rule 3: the payer's IBAN paid for exactly one debtor before, and the amount is exactly one of its
 * open invoices (85) or exactly all of them (80). Several invoices of that amount: the oldest is a
 * guess (60, queued). An amount matching nothing: the debtor is proposed (30, queued).
 */
export function byIbanAndAmount(
  credit: Credit,
  debtorIds: readonly string[],
  openInvoices: readonly PayableInvoice[],
): Verdict | null {
  if (debtorIds.length !== 1) return null;
  const debtorId = debtorIds[0] as string;
  const open = openInvoices.filter((i) => i.currency === credit.currency && i.debtorId === debtorId);
  const base = { rule: 'iban_amount' as const, debtorId };
  const exact = open.filter((i) => i.openAmount === credit.amount);
  if (exact.length === 1) {
    const invoice = exact[0] as PayableInvoice;
    return {
      ...base,
      confidence: 85,
      reason: `the payer's IBAN paid this debtor before; the amount is the open amount of invoice ${invoice.number}`,
      allocations: [{ invoiceId: invoice.id, amount: credit.amount }],
    };
  }
  if (open.length > 1 && sum(open) === credit.amount) {
    return {
      ...base,
      confidence: 80,
      reason: `the payer's IBAN paid this debtor before; the amount is the sum of its ${open.length} open invoices`,
      allocations: allocateOldestFirst(credit.amount, open),
    };
  }
  if (exact.length > 1) {
    const oldest = exact[0] as PayableInvoice;
    return {
      ...base,
      confidence: 60,
      reason: `the payer's IBAN paid this debtor before; ${exact.length} open invoices have this amount (${numbers(exact)})`,
      allocations: [{ invoiceId: oldest.id, amount: credit.amount }],
    };
  }
  return {
    ...base,
    confidence: 30,
    reason: "the payer's IBAN paid this debtor before; the amount matches none of its open invoices",
    allocations: [],
  };
}

/**
 * Rule 4: a pay link's reference in the text. An open link: its invoices still open, in the link's
 * order (95). A link the provider reported paid: the credit is that payment arriving, recorded already (95).
 */
export function byPayLink(
  credit: Credit,
  links: readonly ReferencedPayLink[],
  linkInvoices: readonly PayableInvoice[],
): Verdict | null {
  const named = links.filter((l) => l.currency === credit.currency);
  if (named.length !== 1) {
    return named.length > 1
      ? {
          rule: 'pay_link',
          confidence: 40,
          debtorId: null,
          allocations: [],
          reason: `the text names ${named.length} pay links`,
        }
      : null;
  }
  const link = named[0] as ReferencedPayLink;
  const base = { rule: 'pay_link' as const, debtorId: link.debtorId, payLinkId: link.id };
  if (link.status === 'paid' && link.paymentId) {
    return {
      ...base,
      confidence: 95,
      reason: `pay link ${link.id}, reported paid by its provider already`,
      allocations: [],
      existingPaymentId: link.paymentId,
    };
  }
  const byId = new Map(linkInvoices.map((i) => [i.id, i]));
  const invoices = link.invoiceIds.flatMap((id) => (byId.has(id) ? [byId.get(id) as PayableInvoice] : []));
  return {
    ...base,
    confidence: 95,
    reason: `reference of pay link ${link.id}`,
    allocations: allocateOldestFirst(credit.amount, invoices),
  };
}
