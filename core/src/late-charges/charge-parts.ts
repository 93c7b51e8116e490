// The parts a claim is made of, as the charges ledger (claimed_charge) keeps them: the claim's own costs
// (the WIK scale, on the whole claim) and each invoice's costs (the EU €40) and interest.

export const CHARGE_PARTS = ['costs', 'interest'] as const;
export type ChargePart = (typeof CHARGE_PARTS)[number];

/** One part a reminder claims, in minor units; `invoiceId` null for the claim's own costs. */
export interface ClaimedPart {
  invoiceId: string | null;
  part: ChargePart;
  amount: number;
}

/**
 * The charges as a step stored them on its action (dunning's `ClaimedCharges`): what this module
 * reads of them. `claimCosts` and the invoices' amounts are what the episode claims in total
 * (before payments and waivers); an action stored before `claimCosts` existed has its WIK costs in
 * `compensation`.
 */
export interface StatedCharges {
  compensationKind: string;
  compensation: number;
  claimCosts?: number;
  settled?: { interest: number; compensation: number };
  invoices: readonly { invoiceId: string; interest: number; compensation: number }[];
}

/** The parts a reminder's charges claim, zero parts left out. Pure. */
export function claimedParts(charges: StatedCharges): ClaimedPart[] {
  const claimCosts =
    charges.claimCosts ??
    (charges.compensationKind === 'wik' ? charges.compensation + (charges.settled?.compensation ?? 0) : 0);
  const parts: ClaimedPart[] = [{ invoiceId: null, part: 'costs', amount: claimCosts }];
  for (const invoice of charges.invoices) {
    parts.push({ invoiceId: invoice.invoiceId, part: 'costs', amount: invoice.compensation });
    parts.push({ invoiceId: invoice.invoiceId, part: 'interest', amount: invoice.interest });
  }
  return parts.filter((p) => p.amount > 0);
}
