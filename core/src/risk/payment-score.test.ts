import { describe, expect, it } from 'vitest';
import { NO_HISTORY, paymentScore } from './payment-score.ts';

const none = NO_HISTORY;

describe('the payment-behaviour score', () => {
  it('takes each input off 100 and says how much', () => {
    // 12.6 days late → 13; trend 4.4 worse → 4; one broken promise → 10; two disputes → 10.
    const score = paymentScore({
      ...none,
      paidInvoices: 5,
      daysBeyondTerms: 12.6,
      trend: 4.4,
      brokenPromises: 1,
      disputes: 2,
    });
    expect(score).toEqual({
      score: 63, // 100 − 13 − 4 − 10 − 0 − 10
      inputs: [
        { name: 'daysBeyondTerms', value: 12.6, contribution: -13 },
        { name: 'trend', value: 4.4, contribution: -4 },
        { name: 'brokenPromises', value: 1, contribution: -10 },
        { name: 'missedInstalments', value: 0, contribution: 0 },
        { name: 'disputes', value: 2, contribution: -10 },
      ],
    });
  });

  it('caps each input, floors the score at 0, and counts paying early or improving as nothing', () => {
    const worst = paymentScore({
      paidInvoices: 3,
      daysBeyondTerms: 95,
      trend: 33,
      brokenPromises: 4,
      missedInstalments: 3,
      disputes: 7,
    });
    expect(worst.inputs.map((i) => i.contribution)).toEqual([-40, -20, -30, -30, -15]);
    expect(worst.score).toBe(0);
    const early = paymentScore({ ...none, paidInvoices: 2, daysBeyondTerms: -3.25, trend: -10 });
    expect(early.score).toBe(100);
    expect(early.inputs[0]).toEqual({ name: 'daysBeyondTerms', value: -3.25, contribution: 0 });
  });

  it('has no score without history, and one from a dispute alone', () => {
    expect(paymentScore(none).score).toBeNull();
    expect(paymentScore({ ...none, disputes: 1 }).score).toBe(95);
  });
});
