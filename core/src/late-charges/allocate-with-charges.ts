// A payment split over a claim's costs, interest and principal: art. 6:44 BW.
import type { ChargesResult } from './compute-charges.ts';

/** One invoice of the claim, with what is owed on it in minor units. */
export interface ClaimInvoice {
  id: string;
  dueDate: string;
  /** Costs charged per invoice (the EU fixed €40). */
  costs: number;
  interest: number;
  principal: number;
}

export interface Claim {
  /** Costs charged on the whole claim (the WIK scale), not on one invoice. */
  costs: number;
  invoices: readonly ClaimInvoice[];
}

export type ClaimPart = 'costs' | 'interest' | 'principal';

/** What a payment settles: one line per part it reaches; `invoiceId` null for the claim's own costs. */
export interface AllocationLine {
  invoiceId: string | null;
  part: ClaimPart;
  amount: number;
}

export interface ChargesAllocation {
  lines: AllocationLine[];
  /** What the claim could not absorb (an overpayment). */
  unallocated: number;
}

/**
 * Splits `amount` over the claim: first all costs (the claim's, then each invoice's), then all
 * interest, then all principal, each part oldest invoice first (due date, then id). Art. 6:44 lid 1
 * BW puts costs before interest before principal; treating the reminder's invoices as one claim
 * follows the WIK costs, which are computed on the whole claim. Pure: writing the allocation is the
 * caller's.
 */
export function allocateWithCharges(amount: number, claim: Claim): ChargesAllocation {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new RangeError(`a payment is a non-negative integer of minor units, got ${amount}`);
  }
  const invoices = [...claim.invoices].sort((a, b) =>
    a.dueDate !== b.dueDate ? (a.dueDate < b.dueDate ? -1 : 1) : a.id < b.id ? -1 : 1,
  );
  const owed: { invoiceId: string | null; part: ClaimPart; amount: number }[] = [
    { invoiceId: null, part: 'costs', amount: claim.costs },
    ...invoices.map((i) => ({ invoiceId: i.id, part: 'costs' as const, amount: i.costs })),
    ...invoices.map((i) => ({ invoiceId: i.id, part: 'interest' as const, amount: i.interest })),
    ...invoices.map((i) => ({ invoiceId: i.id, part: 'principal' as const, amount: i.principal })),
  ];
  const lines: AllocationLine[] = [];
  let left = amount;
  for (const item of owed) {
    if (!Number.isSafeInteger(item.amount)) {
      throw new RangeError(
        `${item.part} of ${item.invoiceId ?? 'the claim'} must be an integer, got ${item.amount}`,
      );
    }
    const settled = Math.min(left, Math.max(item.amount, 0));
    if (settled === 0) continue;
    lines.push({ invoiceId: item.invoiceId, part: item.part, amount: settled });
    left -= settled;
  }
  return { lines, unallocated: left };
}

/** The claim `computeCharges` found: its WIK costs on the whole, each charged invoice's fixed costs, interest and principal. */
export function claimOf(charges: ChargesResult): Claim {
  return {
    costs: charges.compensation.kind === 'wik' ? charges.compensation.amount : 0,
    invoices: charges.invoices
      .filter((invoice) => invoice.status === 'charged')
      .map((invoice) => ({
        id: invoice.id,
        dueDate: invoice.dueDate,
        costs: invoice.compensation,
        interest: invoice.interest.amount,
        principal: invoice.principal,
      })),
  };
}
