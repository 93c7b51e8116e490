import { addDays } from '../shared/iso-date.ts';

/**
 * Where the cash-flow forecast expects each amount, as a pure function of the open items and the
 * business date (STYLE.md 4): nothing is read here (forecast.ts reads, then buckets the result).
 *
 * 1. An invoice in an open dispute is placed apart, in the `disputed` series, at the date its debtor's
 *    behaviour gives (below): whether and when it is paid depends on the dispute.
 * 2. An invoice covered by an open promise or an active plan is replaced by the arrangement: what is
 *    still due of it, on its dates. Should the covered invoices' open total exceed what the arrangement
 *    still expects, the excess is placed on the arrangement's last date.
 * 3. Every other open invoice lands on its due date shifted by its debtor's days beyond terms (rounded to
 *    whole days; early payers shift earlier), or by the administration's when the debtor has no paid
 *    invoice in the window, or by none when the administration has none either.
 * 4. Nothing lands in the past: an amount whose date is before the business date lands on the business
 *    date, marked `overdue` for invoices (a promise or instalment keeps its kind).
 */

export interface OpenItem {
  id: string;
  debtorId: string;
  dueDate: string;
  /** Minor units, above zero. */
  openAmount: number;
  disputed: boolean;
}

export interface ArrangementDues {
  kind: 'promise' | 'plan';
  id: string;
  invoiceIds: readonly string[];
  dues: readonly { on: string; amount: number }[];
}

export interface PlacementFacts {
  /** The business date: the first day of the forecast. */
  today: string;
  invoices: readonly OpenItem[];
  arrangements: readonly ArrangementDues[];
  /** Days beyond terms per debtor id (those with paid invoices in the window). */
  debtorDelays: ReadonlyMap<string, number>;
  /** The administration's days beyond terms, for debtors without history; null: none either. */
  fallbackDelay: number | null;
}

export const RECEIPT_KINDS = ['invoice', 'overdue', 'promise', 'plan', 'disputed'] as const;
export type ReceiptKind = (typeof RECEIPT_KINDS)[number];

/** One amount expected on one day, and where it comes from (an invoice, promise or plan id). */
export interface Receipt {
  on: string;
  amount: number;
  kind: ReceiptKind;
  sourceId: string;
}

export function placeReceipts(facts: PlacementFacts): Receipt[] {
  const receipts: Receipt[] = [];
  const covering = new Map<string, ArrangementDues>();
  for (const arrangement of facts.arrangements) {
    for (const id of arrangement.invoiceIds) if (!covering.has(id)) covering.set(id, arrangement);
  }
  const coveredOpen = new Map<string, number>();
  for (const invoice of facts.invoices) {
    const arrangement = covering.get(invoice.id);
    if (invoice.disputed) {
      receipts.push(atBehaviour(facts, invoice, 'disputed'));
    } else if (arrangement) {
      coveredOpen.set(arrangement.id, (coveredOpen.get(arrangement.id) ?? 0) + invoice.openAmount);
    } else {
      receipts.push(atBehaviour(facts, invoice, 'invoice'));
    }
  }
  for (const arrangement of facts.arrangements) {
    for (const due of arrangement.dues) {
      receipts.push({
        on: notBefore(due.on, facts.today),
        amount: due.amount,
        kind: arrangement.kind,
        sourceId: arrangement.id,
      });
    }
    const expected = arrangement.dues.reduce((sum, due) => sum + due.amount, 0);
    const excess = (coveredOpen.get(arrangement.id) ?? 0) - expected;
    const last = arrangement.dues.at(-1)?.on ?? facts.today;
    if (excess > 0) {
      receipts.push({
        on: notBefore(last, facts.today),
        amount: excess,
        kind: 'invoice',
        sourceId: arrangement.id,
      });
    }
  }
  return receipts;
}

/** The day an invoice is expected by its debtor's behaviour; before today it lands today, as `overdue`. */
function atBehaviour(facts: PlacementFacts, invoice: OpenItem, kind: 'invoice' | 'disputed'): Receipt {
  const delay = facts.debtorDelays.get(invoice.debtorId) ?? facts.fallbackDelay ?? 0;
  const on = addDays(invoice.dueDate, Math.round(delay));
  const late = on < facts.today;
  return {
    on: late ? facts.today : on,
    amount: invoice.openAmount,
    kind: late && kind === 'invoice' ? 'overdue' : kind,
    sourceId: invoice.id,
  };
}

const notBefore = (day: string, today: string) => (day < today ? today : day);
