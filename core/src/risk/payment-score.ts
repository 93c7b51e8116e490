/**
 * The payment-behaviour score: 0 (worst) to 100 (best), Kredo's own view of how a debtor pays, beside
 * the bureau's. Pure (STYLE.md 4): the inputs are read elsewhere (refresh-risk.ts); here each input
 * takes points off 100, within its cap, and the answer says how many, so the score explains itself.
 *
 * | input | its value | points off |
 * |---|---|---|
 * | days beyond terms | recency-weighted average (payment-delays.ts) | 1 per whole day late (rounded; early counts as 0), at most 40 |
 * | trend | recent average less older average, days | 1 per whole day worse (rounded), at most 20; improving takes nothing |
 * | broken promises | promises broken in the last 365 days | 10 each, at most 30 |
 * | missed instalments | plans defaulted in the last 365 days | 10 each, at most 30 |
 * | disputes | disputes opened in the last 365 days | 5 each, at most 15 |
 *
 * A debtor with none of these (no paid invoice, promise, plan or dispute in the window) has no score
 * (null): nothing is known, and a segment condition on the score does not match it.
 */
export const SCORE_POLICY = {
  daysBeyondTerms: { perUnit: 1, cap: 40 },
  trend: { perUnit: 1, cap: 20 },
  brokenPromises: { perUnit: 10, cap: 30 },
  missedInstalments: { perUnit: 10, cap: 30 },
  disputes: { perUnit: 5, cap: 15 },
} as const;

export type ScoreInputName = keyof typeof SCORE_POLICY;

export interface ScoreFacts {
  /** Paid invoices in the window: 0 means days beyond terms and trend are unknown. */
  paidInvoices: number;
  daysBeyondTerms: number | null;
  trend: number | null;
  brokenPromises: number;
  missedInstalments: number;
  disputes: number;
}

/** A debtor of whom nothing is known yet: what the refresh starts each debtor's facts from. */
export const NO_HISTORY: Readonly<ScoreFacts> = {
  paidInvoices: 0,
  daysBeyondTerms: null,
  trend: null,
  brokenPromises: 0,
  missedInstalments: 0,
  disputes: 0,
};

/** One input: its value and the points it takes off (0 or negative). */
export interface ScoreInput {
  name: ScoreInputName;
  value: number | null;
  contribution: number;
}

export interface PaymentScore {
  /** 100 plus the contributions, at least 0; null without any history. */
  score: number | null;
  inputs: ScoreInput[];
}

export function paymentScore(facts: ScoreFacts): PaymentScore {
  const values: Record<ScoreInputName, number | null> = {
    daysBeyondTerms: facts.daysBeyondTerms === null ? null : round2(facts.daysBeyondTerms),
    trend: facts.trend === null ? null : round2(facts.trend),
    brokenPromises: facts.brokenPromises,
    missedInstalments: facts.missedInstalments,
    disputes: facts.disputes,
  };
  const inputs = (Object.keys(SCORE_POLICY) as ScoreInputName[]).map((name) => ({
    name,
    value: values[name],
    contribution: pointsOff(name, values[name]),
  }));
  const known =
    facts.paidInvoices > 0 || facts.brokenPromises > 0 || facts.missedInstalments > 0 || facts.disputes > 0;
  const total = inputs.reduce((sum, input) => sum + input.contribution, 100);
  return { score: known ? Math.max(0, total) : null, inputs };
}

/** The points an input's value takes off: whole units (rounded half up), never below 0, within its cap. */
function pointsOff(name: ScoreInputName, value: number | null): number {
  if (value === null) return 0;
  const { perUnit, cap } = SCORE_POLICY[name];
  const units = Math.max(0, Math.round(value));
  // `0 -` rather than unary minus: no -0 in the answer.
  return 0 - Math.min(cap, units * perUnit);
}

const round2 = (value: number) => Math.round(value * 100) / 100;
