// Which compensation for collection costs a debtor's claim carries, and how much: the policy's
// option, the debtor's type, the 14-day letter and the currency decide.
import { euFixedCompensation, type WikCosts, wikCosts } from './compensation.ts';
import type { ChargesInput, InvoiceCharges } from './compute-charges.ts';
import { costsChargeableFrom } from './fourteen-day-notice.ts';

export interface CompensationCharge {
  kind: 'none' | 'eu_fixed' | 'wik';
  /** Minor units charged: the WIK amount, or the sum of the per-invoice fixed sums. */
  amount: number;
  wik?: WikCosts;
  /** For consumers: the first day costs may be charged after the 14-day letter. */
  chargeableFrom?: string;
  /** Why nothing is charged although the policy asks for it. */
  withheld?: 'no_notice' | 'notice_term_running' | 'currency';
  /** The policy asked for the EU fixed sum and the debtor is a consumer: the WIK scale applied. */
  consumerScale: boolean;
}

/**
 * For a business, €40 per charged invoice or the WIK scale on the whole claim, as the policy says,
 * without a letter. For a consumer, only the WIK scale, and only on the invoices overdue when the
 * 14-day letter was sent, once its term has passed (art. 6:96 lid 6 BW). Sets each invoice's
 * `compensation` when it is per invoice.
 */
export function compensate(
  input: ChargesInput,
  invoices: InvoiceCharges[],
  currency: string,
): CompensationCharge {
  const option = input.policy.compensation;
  const charged = invoices.filter((i) => i.status === 'charged');
  if (option === 'none') return { kind: 'none', amount: 0, consumerScale: false };

  if (input.debtorType === 'b2c') {
    const consumerScale = option === 'eu_fixed';
    if (currency !== 'EUR') return { kind: 'wik', amount: 0, withheld: 'currency', consumerScale };
    const sentOn = input.noticeSentOn;
    if (!sentOn) return { kind: 'wik', amount: 0, withheld: 'no_notice', consumerScale };
    const chargeableFrom = costsChargeableFrom(sentOn);
    if (input.asOf < chargeableFrom) {
      return { kind: 'wik', amount: 0, chargeableFrom, withheld: 'notice_term_running', consumerScale };
    }
    // Only what the letter could demand: invoices already overdue on the day it was sent.
    const noticed = charged.filter((i) => i.dueDate < sentOn);
    const wik = wikCosts(principalOf(noticed), currency) as WikCosts;
    return { kind: 'wik', amount: wik.amount, wik, chargeableFrom, consumerScale };
  }

  if (option === 'wik') {
    const wik = wikCosts(principalOf(charged), currency);
    if (!wik) return { kind: 'wik', amount: 0, withheld: 'currency', consumerScale: false };
    return { kind: 'wik', amount: wik.amount, wik, consumerScale: false };
  }
  const fixed = euFixedCompensation(currency);
  if (fixed === undefined) return { kind: 'eu_fixed', amount: 0, withheld: 'currency', consumerScale: false };
  for (const invoice of charged) invoice.compensation = fixed;
  return { kind: 'eu_fixed', amount: fixed * charged.length, consumerScale: false };
}

function principalOf(invoices: readonly InvoiceCharges[]): number {
  return invoices.reduce((total, invoice) => total + invoice.principal, 0);
}
