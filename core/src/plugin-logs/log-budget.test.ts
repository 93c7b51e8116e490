import { describe, expect, it } from 'vitest';
import { LogBudget } from './log-budget.ts';

describe('log budget', () => {
  it("allows a minute's worth at once, then drops and counts until a token refills", () => {
    let now = 0;
    const budget = new LogBudget(60, () => now);
    for (let i = 0; i < 60; i++) expect(budget.take('ins_a')).toEqual({ store: true, dropped: 0 });
    expect(budget.take('ins_a')).toEqual({ store: false, first: true, inMs: 1000 });
    expect(budget.take('ins_a')).toMatchObject({ store: false, first: false });
    expect(budget.take('ins_b')).toEqual({ store: true, dropped: 0 });
    now = 1000;
    // The next stored line carries the count, so its marker goes first; the count starts again.
    expect(budget.take('ins_a')).toEqual({ store: true, dropped: 2 });
    expect(budget.take('ins_a')).toEqual({ store: false, first: true, inMs: 1000 });
  });

  it('hands the count to the marker written when the window ends, once', () => {
    let now = 0;
    const budget = new LogBudget(1, () => now);
    budget.take('ins_a');
    budget.take('ins_a');
    budget.take('ins_a');
    expect(budget.takeDropped('ins_a')).toBe(2);
    expect(budget.takeDropped('ins_a')).toBe(0);
    now = 60_000;
    expect(budget.take('ins_a')).toEqual({ store: true, dropped: 0 });
  });

  it('forgets only refilled buckets with nothing to report', () => {
    let now = 0;
    const budget = new LogBudget(1, () => now, 2);
    budget.take('ins_a');
    budget.take('ins_a');
    budget.take('ins_b');
    now = 120_000;
    budget.take('ins_c');
    expect(budget.take('ins_a')).toEqual({ store: true, dropped: 1 });
  });
});
