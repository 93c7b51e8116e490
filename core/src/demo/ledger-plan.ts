// The skeleton of a demo ledger: per debtor only the few facts that both generators need (kind,
// locale, group, payer behaviour, terms, invoice volume), in typed arrays. Debtors and invoices are
// generated from separate random streams, so the invoice generator rebuilds this small plan instead
// of keeping every debtor record in memory. Memory is O(debtors), never O(invoices).

import { LOCALES } from './locales.ts';
import { createRandom, deriveSeed, type Random } from './random.ts';

export const Kind = { business: 0, consumer: 1, publicBody: 2 } as const;
export const Size = { small: 0, medium: 1, keyAccount: 2 } as const;
/** How a debtor pays: drives which invoices are still open on `today`. */
export const Payer = { prompt: 0, late: 1, poor: 2 } as const;
export const Role = { standalone: 0, parent: 1, child: 2 } as const;

export interface LedgerPlan {
  debtorCount: number;
  kind: Uint8Array;
  /** Index into LOCALES. */
  locale: Uint8Array;
  size: Uint8Array;
  payer: Uint8Array;
  role: Uint8Array;
  /** Payment term in days: 14, 30 or 60. */
  term: Uint8Array;
  /** Index of the parent debtor, or -1. Parents always have a lower index than their children. */
  parent: Int32Array;
  /** Running total of invoice volume weights, for picking a debtor per invoice by binary search. */
  cumulativeWeight: Float64Array;
}

/** The debtor number for a plan index: numeric, like most ERPs' debtor codes. */
export function debtorNumber(index: number): string {
  return String(100_001 + index);
}

const LOCALE_INDEX = LOCALES.map(([, share], index) => [index, share] as const);
const GROUP_SHARE = 0.025;

export function planLedger(seed: number, debtorCount: number): LedgerPlan {
  const random = createRandom(deriveSeed(seed, 'ledger-plan'));
  const plan: LedgerPlan = {
    debtorCount,
    kind: new Uint8Array(debtorCount),
    locale: new Uint8Array(debtorCount),
    size: new Uint8Array(debtorCount),
    payer: new Uint8Array(debtorCount),
    role: new Uint8Array(debtorCount),
    term: new Uint8Array(debtorCount),
    parent: new Int32Array(debtorCount).fill(-1),
    cumulativeWeight: new Float64Array(debtorCount),
  };
  let index = 0;
  while (index < debtorCount) {
    const remaining = debtorCount - index;
    if (remaining >= 3 && random.chance(GROUP_SHARE)) {
      index = planGroup(plan, random, index, random.int(2, Math.min(6, remaining - 1)));
    } else {
      planStandalone(plan, random, index);
      index += 1;
    }
  }
  let total = 0;
  for (let i = 0; i < debtorCount; i++) {
    total += volumeWeight(plan, i);
    plan.cumulativeWeight[i] = total;
  }
  return plan;
}

function planStandalone(plan: LedgerPlan, random: Random, index: number): void {
  const kind = random.weighted([
    [Kind.business, 0.78],
    [Kind.consumer, 0.17],
    [Kind.publicBody, 0.05],
  ]);
  plan.kind[index] = kind;
  plan.locale[index] = random.weighted(LOCALE_INDEX);
  plan.size[index] =
    kind === Kind.consumer
      ? Size.small
      : random.weighted([
          [Size.small, 0.55],
          [Size.medium, 0.37],
          [Size.keyAccount, 0.08],
        ]);
  // Public bodies pay slowly but surely; consumers are either prompt or forget.
  plan.payer[index] =
    kind === Kind.publicBody
      ? random.weighted([
          [Payer.prompt, 0.5],
          [Payer.late, 0.5],
        ])
      : drawPayer(random);
  // Dutch law caps public bodies' terms at 30 days; consumers get short terms.
  plan.term[index] =
    kind === Kind.business
      ? random.weighted([
          [14, 0.25],
          [30, 0.6],
          [60, 0.15],
        ])
      : kind === Kind.publicBody
        ? 30
        : 14;
}

/** A parent (holding) with children right after it: one payer, one term, mostly one country. */
function planGroup(plan: LedgerPlan, random: Random, parent: number, children: number): number {
  const locale = random.weighted(LOCALE_INDEX);
  const payer = drawPayer(random);
  const term = random.pick([30, 30, 60]);
  for (let i = parent; i <= parent + children; i++) {
    plan.kind[i] = Kind.business;
    // Groups often have a subsidiary across the border.
    plan.locale[i] = i === parent || random.chance(0.8) ? locale : random.weighted(LOCALE_INDEX);
    plan.size[i] = i === parent ? Size.keyAccount : random.pick([Size.medium, Size.medium, Size.keyAccount]);
    plan.payer[i] = payer;
    plan.term[i] = term;
    plan.role[i] = i === parent ? Role.parent : Role.child;
    plan.parent[i] = i === parent ? -1 : parent;
  }
  return parent + children + 1;
}

function drawPayer(random: Random): number {
  return random.weighted([
    [Payer.prompt, 0.6],
    [Payer.late, 0.3],
    [Payer.poor, 0.1],
  ]);
}

/** Relative number of invoices a debtor receives: key accounts many, holdings and consumers few. */
function volumeWeight(plan: LedgerPlan, index: number): number {
  if (plan.role[index] === Role.parent) return 0.2;
  if (plan.kind[index] === Kind.consumer) return 0.3;
  if (plan.kind[index] === Kind.publicBody) return 4;
  return [1, 3, 10][plan.size[index] as number] as number;
}

/** A debtor index drawn in proportion to invoice volume. */
export function pickDebtor(plan: LedgerPlan, random: Random): number {
  const total = plan.cumulativeWeight[plan.debtorCount - 1] as number;
  const target = random.next() * total;
  let low = 0;
  let high = plan.debtorCount - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((plan.cumulativeWeight[middle] as number) > target) high = middle;
    else low = middle + 1;
  }
  return low;
}
