/**
 * The KPI formulas, pure: each takes the sums the ledger gives (kpis.ts) and answers a number, or null
 * where the formula divides by zero. docs/insight.md gives each with its source and an example.
 */

/** The sums one currency's KPIs are computed from; amounts in minor units, invoices only. */
export interface KpiIngredients {
  /** Open receivables at the end of the day before the period. */
  beginning: number;
  /** Open receivables at the end of the period's last day. */
  ending: number;
  /** Of `ending`, what was not yet past due then (due on the last day or later). */
  endingCurrent: number;
  /** Invoices issued in the period (credit sales). */
  creditSales: number;
  /** Days in the period, both ends included. */
  days: number;
}

/** One month of the count back: its days and what was invoiced in it, the latest month first. */
export interface SalesMonth {
  days: number;
  sales: number;
}

/** Regular DSO: ending receivables over the period's credit sales, times its days. */
export function dso(k: KpiIngredients): number | null {
  return k.creditSales > 0 ? (k.ending / k.creditSales) * k.days : null;
}

/** Best possible DSO (CRF): only the receivables not yet due over the credit sales, times the days. */
export function bestPossibleDso(k: KpiIngredients): number | null {
  return k.creditSales > 0 ? (k.endingCurrent / k.creditSales) * k.days : null;
}

/** Average days delinquent: regular DSO minus best possible DSO, i.e. past-due receivables × days / sales. */
export function averageDaysDelinquent(k: KpiIngredients): number | null {
  const regular = dso(k);
  const best = bestPossibleDso(k);
  return regular === null || best === null ? null : regular - best;
}

/**
 * Collection effectiveness index, in percent: what was collected of what could have been, with what
 * was not yet due at the end left out of both. (beginning + sales − ending) / (beginning + sales −
 * ending current) × 100.
 */
export function cei(k: KpiIngredients): number | null {
  const collectable = k.beginning + k.creditSales - k.endingCurrent;
  return collectable > 0 ? ((k.beginning + k.creditSales - k.ending) / collectable) * 100 : null;
}

/** Past-due share of the ending receivables, in percent. */
export function overdueShare(k: KpiIngredients): number | null {
  return k.ending > 0 ? ((k.ending - k.endingCurrent) / k.ending) * 100 : null;
}

/**
 * Count-back DSO (CRF): the ending receivables are matched against the credit sales of the latest
 * month, then the month before, and so on; each month fully absorbed counts all its days, the month
 * where the receivables run out counts the share it absorbed. Answers the days and whether the months
 * given ran out before the receivables did (then the days are a lower bound).
 */
export function countBackDso(
  ending: number,
  months: readonly SalesMonth[],
): { days: number; exhausted: boolean } {
  let left = ending;
  let days = 0;
  for (const month of months) {
    if (left <= 0) return { days, exhausted: false };
    if (month.sales >= left) return { days: days + (left / month.sales) * month.days, exhausted: false };
    left -= month.sales;
    days += month.days;
  }
  return { days, exhausted: left > 0 };
}

/** A figure as answered: one decimal, null kept. */
export function rounded(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}
