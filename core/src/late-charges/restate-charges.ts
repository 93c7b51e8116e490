// What a reminder states of its charges when earlier reminders of the same episode claimed some and
// payments or waivers settled part of them: the charges ledger's history applied to a fresh computation.

import {
  CHARGE_LANGUAGES,
  CHARGE_LOCALES,
  type ChargeLanguage,
  explainCharges,
  moneyFormat,
} from './charge-explanation.ts';
import type { ChargePart } from './charge-parts.ts';
import type { ChargesResult } from './compute-charges.ts';

/** A part an earlier reminder of the episode claimed, with what was paid and waived of it. */
export interface EarlierCharge {
  invoiceId: string | null;
  part: ChargePart;
  claimed: number;
  paid: number;
  waived: number;
}

export interface RestatedCharges {
  /** The claim's own costs (WIK) the episode claims in total, before payments and waivers. */
  claimCosts: number;
  /** Each charged invoice's costs and interest the episode claims in total. */
  invoices: { invoiceId: string; interest: number; compensation: number }[];
  /** What the reminder asks: the totals above less what was paid and waived. */
  open: { interest: number; compensation: number };
  /** Paid or waived before, of the parts the reminder states. */
  settled: { interest: number; compensation: number };
  explanation: string[];
}

/**
 * Restates computed charges against what the episode already claimed:
 * - a part never goes below what an earlier reminder claimed (interest accrued before a partial
 *   payment stays owed, although today's computation on the smaller principal is lower);
 * - a part waived in full is not claimed again: it stays at what was claimed, so nothing is open;
 * - what was paid or waived is subtracted: the reminder asks what is open.
 * Earlier parts of invoices this reminder does not cover are left out (they stay in the ledger). With
 * no earlier part, the charges are the computation's and so is the explanation. Pure.
 */
export function restateCharges(
  result: ChargesResult,
  earlier: readonly EarlierCharge[],
  language: string,
): RestatedCharges {
  const byKey = new Map<string, EarlierCharge>();
  for (const e of earlier) {
    const key = keyOf(e.invoiceId, e.part);
    const known = byKey.get(key);
    byKey.set(key, known ? sumCharges(known, e) : e);
  }
  const settled = { interest: 0, compensation: 0 };
  let kept = 0;
  const state = (invoiceId: string | null, part: ChargePart, computed: number) => {
    const e = byKey.get(keyOf(invoiceId, part));
    if (!e) return computed;
    const fullyWaived = e.waived > 0 && e.claimed - e.paid - e.waived <= 0;
    const total = fullyWaived ? e.claimed : Math.max(computed, e.claimed);
    kept += Math.max(total - computed, 0);
    settled[part === 'costs' ? 'compensation' : 'interest'] += e.paid + e.waived;
    return total;
  };
  const wik = result.compensation.kind === 'wik' ? result.compensation.amount : 0;
  const claimCosts = state(null, 'costs', wik);
  const invoices = result.invoices
    .filter((i) => i.status === 'charged')
    .map((i) => ({
      invoiceId: i.id,
      compensation: state(i.id, 'costs', i.compensation),
      interest: state(i.id, 'interest', i.interest.amount),
    }));
  const interest = sum(invoices.map((i) => i.interest));
  const compensation = claimCosts + sum(invoices.map((i) => i.compensation));
  const open = { interest: interest - settled.interest, compensation: compensation - settled.compensation };
  if (kept === 0 && settled.interest + settled.compensation === 0) {
    return { claimCosts, invoices, open, settled, explanation: result.explanation };
  }
  const lang: ChargeLanguage = CHARGE_LANGUAGES.find((l) => l === language) ?? 'en';
  const { principal } = result.totals;
  const lines = explainCharges(
    {
      ...result,
      totals: { ...result.totals, ...open, total: principal + open.interest + open.compensation },
    },
    lang,
  );
  const money = moneyFormat(CHARGE_LOCALES[lang], result.currency);
  const say = PHRASES[lang];
  const extra = [
    ...(kept > 0 ? [say.kept(money(kept))] : []),
    ...(settled.interest + settled.compensation > 0
      ? [
          say.settled(
            money(settled.interest + settled.compensation),
            money(open.interest + open.compensation),
          ),
        ]
      : []),
  ];
  // The total line stays last, now with what is asked.
  return {
    claimCosts,
    invoices,
    open,
    settled,
    explanation: [...lines.slice(0, -1), ...extra, ...lines.slice(-1)],
  };
}

const keyOf = (invoiceId: string | null, part: ChargePart) => `${invoiceId ?? ''}:${part}`;
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const sumCharges = (a: EarlierCharge, b: EarlierCharge): EarlierCharge => ({
  ...a,
  claimed: a.claimed + b.claimed,
  paid: a.paid + b.paid,
  waived: a.waived + b.waived,
});

const PHRASES: Record<
  ChargeLanguage,
  { kept(amount: string): string; settled(settled: string, open: string): string }
> = {
  en: {
    kept: (a) => `Claimed in an earlier reminder and still owed, above today's computation: ${a}.`,
    settled: (s, o) => `Already paid or waived: ${s}; interest and costs still owed: ${o}.`,
  },
  nl: {
    kept: (a) => `Eerder gevorderd en nog verschuldigd, boven de berekening van vandaag: ${a}.`,
    settled: (s, o) => `Al betaald of kwijtgescholden: ${s}; nog verschuldigde rente en kosten: ${o}.`,
  },
  de: {
    kept: (a) => `Früher gefordert und weiterhin geschuldet, über die heutige Berechnung hinaus: ${a}.`,
    settled: (s, o) => `Bereits bezahlt oder erlassen: ${s}; noch geschuldete Zinsen und Kosten: ${o}.`,
  },
  fr: {
    kept: (a) => `Réclamé dans un rappel précédent et toujours dû, au-delà du calcul d’aujourd’hui : ${a}.`,
    settled: (s, o) => `Déjà payé ou remis : ${s} ; intérêts et frais encore dus : ${o}.`,
  },
};
