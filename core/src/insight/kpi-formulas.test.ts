import { describe, expect, it } from 'vitest';
import {
  averageDaysDelinquent,
  bestPossibleDso,
  cei,
  countBackDso,
  dso,
  type KpiIngredients,
  overdueShare,
} from './kpi-formulas.ts';

// The worked example of docs/insight.md: a 90-day quarter.
const quarter: KpiIngredients = {
  beginning: 400_000,
  creditSales: 900_000,
  ending: 500_000,
  endingCurrent: 300_000,
  days: 90,
};

describe('the KPI formulas', () => {
  it('compute DSO, best possible DSO and average days delinquent as the docs work them out', () => {
    expect(dso(quarter)).toBe(50); // 500,000 / 900,000 × 90
    expect(bestPossibleDso(quarter)).toBe(30); // 300,000 / 900,000 × 90
    expect(averageDaysDelinquent(quarter)).toBe(20);
  });

  it('compute CEI and the overdue share', () => {
    // (400,000 + 900,000 − 500,000) / (400,000 + 900,000 − 300,000) × 100 = 800,000 / 1,000,000 × 100
    expect(cei(quarter)).toBe(80);
    expect(overdueShare(quarter)).toBe(40); // 200,000 / 500,000
  });

  it('answer null rather than divide by zero', () => {
    const idle = { beginning: 0, creditSales: 0, ending: 0, endingCurrent: 0, days: 30 };
    expect([
      dso(idle),
      bestPossibleDso(idle),
      averageDaysDelinquent(idle),
      cei(idle),
      overdueShare(idle),
    ]).toEqual([null, null, null, null, null]);
  });

  it('count back through the months until the receivables are used up', () => {
    // 250,000 open: June (30 days) sold 100,000, May (31 days) 100,000, April (30 days) 200,000:
    // 30 + 31 + 50,000 / 200,000 × 30 = 68.5 days.
    const months = [
      { days: 30, sales: 100_000 },
      { days: 31, sales: 100_000 },
      { days: 30, sales: 200_000 },
    ];
    expect(countBackDso(250_000, months)).toEqual({ days: 68.5, exhausted: false });
    expect(countBackDso(0, months)).toEqual({ days: 0, exhausted: false });
    expect(countBackDso(500_000, months)).toEqual({ days: 91, exhausted: true });
  });
});
