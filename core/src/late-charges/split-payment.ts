// A payment's allocations split over the open late-payment charges of the invoices it pays: art. 6:44
// BW puts costs before interest before principal. Pure: the caller reads the charges and writes the split.
import { allocateWithCharges, type Claim } from './allocate-with-charges.ts';
import type { ChargePart } from './charge-parts.ts';

/** An allocation as the payer (or the ERP) asked it: positive against an invoice, negative against a credit note. */
export interface RequestedAllocation {
  invoiceId: string;
  amount: number;
}

/** A claimed charge with something open, of one of the invoices allocated to (or of their claim). */
export interface OpenCharge {
  id: string;
  invoiceId: string | null;
  part: ChargePart;
  episode: number;
  /** Claimed less paid and waived: positive. */
  open: number;
}

export interface PaymentSplit {
  /** What stays an invoice allocation: the principal part of each (none where charges took it all), and the credit notes. */
  allocations: RequestedAllocation[];
  /** What goes to the charges, per claimed charge. */
  charges: { chargeId: string; amount: number }[];
}

/**
 * Splits a payment's money over the open charges of the invoices it is allocated to, then their
 * principal:
 * 1. the money is what the payment puts on invoices (its positive allocations) plus what it leaves
 *    unallocated: a debtor who pays the reminder's total (principal plus charges) against an invoice
 *    pays its charges too, and the ERP or bank match can only allocate up to the invoice's open amount;
 * 2. `allocateWithCharges` over the claim: the claims' own costs, each invoice's costs, all interest,
 *    then principal, oldest invoice first; an invoice's principal never exceeds what was allocated to
 *    it (the payer's designation, art. 6:43 BW, decides which principal is paid, 6:44 what comes first);
 * 3. each charge line spread over the claimed charges of its kind, oldest episode first.
 * Credit-note allocations are kept as they are. Without open charges nothing changes.
 */
export function splitPayment(
  paymentAmount: number,
  requested: readonly RequestedAllocation[],
  dueDates: ReadonlyMap<string, string>,
  open: readonly OpenCharge[],
): PaymentSplit {
  const invoices = requested.filter((a) => a.amount > 0);
  const ids = new Set(invoices.map((a) => a.invoiceId));
  const charges = open.filter((c) => c.open > 0 && (c.invoiceId === null || ids.has(c.invoiceId)));
  if (charges.length === 0) return { allocations: [...requested], charges: [] };
  const rest = paymentAmount - requested.reduce((total, a) => total + a.amount, 0);
  const money = invoices.reduce((total, a) => total + a.amount, 0) + Math.max(rest, 0);
  const openOf = (invoiceId: string | null, part: ChargePart) =>
    charges.filter((c) => c.invoiceId === invoiceId && c.part === part).reduce((t, c) => t + c.open, 0);
  const claim: Claim = {
    costs: openOf(null, 'costs'),
    invoices: invoices.map((a) => ({
      id: a.invoiceId,
      dueDate: dueDates.get(a.invoiceId) ?? '9999-12-31',
      costs: openOf(a.invoiceId, 'costs'),
      interest: openOf(a.invoiceId, 'interest'),
      principal: a.amount,
    })),
  };
  const { lines } = allocateWithCharges(money, claim);
  const principal = new Map<string, number>();
  const settled: { chargeId: string; amount: number }[] = [];
  for (const line of lines) {
    if (line.part === 'principal') {
      principal.set(line.invoiceId as string, line.amount);
      continue;
    }
    let left = line.amount;
    const rows = charges
      .filter((c) => c.invoiceId === line.invoiceId && c.part === line.part)
      .sort((a, b) => a.episode - b.episode || (a.id < b.id ? -1 : 1));
    for (const row of rows) {
      const amount = Math.min(left, row.open);
      if (amount === 0) continue;
      settled.push({ chargeId: row.id, amount });
      left -= amount;
    }
  }
  const allocations = requested
    .map((a) => (a.amount > 0 ? { invoiceId: a.invoiceId, amount: principal.get(a.invoiceId) ?? 0 } : a))
    .filter((a) => a.amount !== 0);
  return { allocations, charges: settled };
}
