import { describe, expect, it } from 'vitest';
import { computeCharges } from './compute-charges.ts';
import { restateCharges } from './restate-charges.ts';

// One business invoice of €1,000.00 due 31 January 2025, simple interest at a fixed 10 % and the EU €40;
// computed on 2 March 2025: 1,000.00 × 10 % × 30 / 365 = 8.22 (1 February – 2 March).
const charges = (openAmount: number) =>
  computeCharges({
    debtorType: 'b2b',
    policy: { interest: { fixedRatePercent: 10 }, compensation: 'eu_fixed' },
    invoices: [{ id: 'inv_a', number: 'A', dueDate: '2025-01-31', openAmount, currency: 'EUR' }],
    noticeSentOn: null,
    asOf: '2025-03-02',
    // A fixed rate needs no table.
    rates: { statutory_commercial: [], statutory: [] },
  });

describe('restateCharges', () => {
  it('is the computation itself when nothing was claimed before', () => {
    const result = charges(1000_00);
    const restated = restateCharges(result, [], 'en');
    expect(restated).toEqual({
      claimCosts: 0,
      invoices: [{ invoiceId: 'inv_a', interest: 8_22, compensation: 40_00 }],
      open: { interest: 8_22, compensation: 40_00 },
      settled: { interest: 0, compensation: 0 },
      explanation: result.explanation,
    });
  });

  it('keeps what was claimed before, asks what is open, and says so', () => {
    // Earlier: €40.00 costs paid; €10.00 interest claimed, €4.00 of it paid. Now A's principal is
    // €500.00, so today's interest is 500.00 × 10 % × 30 / 365 = 4.11, below the €10.00 claimed.
    const restated = restateCharges(
      charges(500_00),
      [
        { invoiceId: 'inv_a', part: 'costs', claimed: 40_00, paid: 40_00, waived: 0 },
        { invoiceId: 'inv_a', part: 'interest', claimed: 10_00, paid: 4_00, waived: 0 },
      ],
      'en',
    );
    expect(restated.invoices).toEqual([{ invoiceId: 'inv_a', interest: 10_00, compensation: 40_00 }]);
    expect(restated.open).toEqual({ interest: 6_00, compensation: 0 });
    expect(restated.settled).toEqual({ interest: 4_00, compensation: 40_00 });
    expect(restated.explanation.slice(-3)).toEqual([
      "Claimed in an earlier reminder and still owed, above today's computation: €5.89.",
      'Already paid or waived: €44.00; interest and costs still owed: €6.00.',
      'Total: €500.00 principal + €6.00 interest + €0.00 costs = €506.00',
    ]);
  });

  it('does not claim again what was waived in full, but raises what was paid', () => {
    // Costs waived in full; interest of €5.00 paid in full: today's €8.22 is claimed, €3.22 open.
    const restated = restateCharges(
      charges(1000_00),
      [
        { invoiceId: 'inv_a', part: 'costs', claimed: 40_00, paid: 0, waived: 40_00 },
        { invoiceId: 'inv_a', part: 'interest', claimed: 5_00, paid: 5_00, waived: 0 },
      ],
      'nl',
    );
    expect(restated.invoices).toEqual([{ invoiceId: 'inv_a', interest: 8_22, compensation: 40_00 }]);
    expect(restated.open).toEqual({ interest: 3_22, compensation: 0 });
    // Intl writes a no-break space after the euro sign in Dutch.
    expect(restated.explanation.at(-2)?.replace(/\u00a0/g, ' ')).toBe(
      'Al betaald of kwijtgescholden: € 45,00; nog verschuldigde rente en kosten: € 3,22.',
    );
  });
});
