// Who the demo's promises and dispute are about, picked from the ledger plan and the history's
// transfers: a slow payer that kept a promise, a poor payer that broke one, a prompt payer's dispute.

import type { openDispute } from '../disputes/index.ts';
import type { makePromise } from '../promises/index.ts';
import { addDays } from '../shared/iso-date.ts';
import { debtorNumber, Kind, type LedgerPlan, Payer } from './ledger-plan.ts';

export interface OpenInvoice {
  id: string;
  number: string;
  debtorId: string;
  debtorNumber: string;
  dueDate: string;
  amount: number;
  openAmount: number;
}

/** One transfer: a debtor paying one or more invoices in full on one day. */
export interface Transfer {
  debtorNumber: string;
  paidOn: string;
  invoices: OpenInvoice[];
}

type PromiseArguments =
  Parameters<typeof makePromise> extends [unknown, unknown, unknown, ...infer Rest] ? Rest : never;
type DisputeArguments =
  Parameters<typeof openDispute> extends [unknown, unknown, unknown, ...infer Rest] ? Rest : never;

export interface Story {
  kept: PromiseArguments;
  broken: PromiseArguments;
  dispute: DisputeArguments;
}

/**
 * Who the promises and the dispute are about: businesses from the end of the ledger (the demo's
 * example debtor, whose three open invoices the demo shop shows, is the first that qualifies from
 * the start), each a different debtor. Undefined when the ledger holds no such debtors.
 */
export function pickStory(
  plan: LedgerPlan,
  open: OpenInvoice[],
  transfers: Transfer[],
  today: string,
): Story | undefined {
  const used = new Set<string>();
  // Open now only until the history's transfers pay them.
  const paidLater = new Set(transfers.flatMap((t) => t.invoices.map((i) => i.id)));
  const stillOpen = open.filter((i) => !paidLater.has(i.id));
  const business = (payer: number) => (number: string) => {
    const index = Number(number) - Number(debtorNumber(0));
    return plan.kind[index] === Kind.business && plan.payer[index] === payer && !used.has(number);
  };
  const fromTheEnd = <T extends { debtorNumber: string }>(items: T[], test: (item: T) => boolean) =>
    items
      .filter(test)
      .sort((a, b) => Number(b.debtorNumber) - Number(a.debtorNumber))
      .at(0);

  // Kept: a late payer promised, a week before it paid, to pay by two days after.
  const paidLate = fromTheEnd(
    transfers,
    (t) =>
      business(Payer.late)(t.debtorNumber) &&
      t.paidOn >= addDays(today, -60) &&
      t.invoices.length === 1 &&
      t.paidOn >= addDays(t.invoices[0]?.dueDate ?? t.paidOn, 10),
  );
  const keptInvoice = paidLate?.invoices[0];
  if (!paidLate || !keptInvoice) return undefined;
  used.add(paidLate.debtorNumber);

  // Broken: a poor payer promised 25 days ago to pay its long-overdue invoices a week later.
  const madeOn = addDays(today, -25);
  const overdue = (invoice: OpenInvoice) => invoice.openAmount > 0 && invoice.dueDate < addDays(madeOn, -30);
  const poor = fromTheEnd(stillOpen, (i) => business(Payer.poor)(i.debtorNumber) && overdue(i));
  if (!poor) return undefined;
  used.add(poor.debtorNumber);
  const unpaid = stillOpen.filter((i) => i.debtorId === poor.debtorId && overdue(i));

  // Disputed: a prompt payer's open invoice, ten days ago: the quality of the delivery.
  const disputed = fromTheEnd(
    stillOpen,
    (i) => business(Payer.prompt)(i.debtorNumber) && i.openAmount === i.amount,
  );
  if (!disputed) return undefined;

  return {
    kept: [
      keptInvoice.debtorId,
      { invoiceIds: [keptInvoice.id], promisedOn: addDays(paidLate.paidOn, 2) },
      { today: addDays(paidLate.paidOn, -7) },
    ],
    broken: [
      poor.debtorId,
      { invoiceIds: unpaid.map((i) => i.id), promisedOn: addDays(madeOn, 7) },
      { today: madeOn },
    ],
    dispute: [
      disputed.debtorId,
      {
        invoiceIds: [disputed.id],
        type: 'quality',
        description: 'Part of the delivery arrived damaged; we pay once the replacement is here.',
        openedOn: addDays(today, -10),
      },
    ],
  };
}
