import { describe, expect, it } from 'vitest';
import { type OpenCharge, splitPayment } from './split-payment.ts';

// Invoice A €1,000.00 due 31 January, B €2,000.00 due 31 March; credit note K.
const due = new Map([
  ['inv_a', '2025-01-31'],
  ['inv_b', '2025-03-31'],
  ['inv_k', '2025-02-15'],
]);
const charge = (
  id: string,
  invoiceId: string | null,
  part: 'costs' | 'interest',
  open: number,
  episode = 1,
) => ({ id, invoiceId, part, open, episode }) satisfies OpenCharge;

describe('splitPayment', () => {
  it('changes nothing without open charges', () => {
    const requested = [{ invoiceId: 'inv_a', amount: 500_00 }];
    expect(splitPayment(600_00, requested, due, [])).toEqual({ allocations: requested, charges: [] });
    // A charge of an invoice the payment does not touch is not its business.
    expect(splitPayment(600_00, requested, due, [charge('chg_b', 'inv_b', 'costs', 40_00)])).toEqual({
      allocations: requested,
      charges: [],
    });
  });

  it('pays costs, then interest, then principal, and takes what the payment left unallocated', () => {
    // A €1,000.00 with €40.00 costs and €12.34 interest; €1,052.34 paid (the reminder's total), €1,000.00
    // allocated to A: 40.00 + 12.34 to the charges, 1,000.00 to A's principal, nothing left over.
    const split = splitPayment(1052_34, [{ invoiceId: 'inv_a', amount: 1000_00 }], due, [
      charge('chg_i', 'inv_a', 'interest', 12_34),
      charge('chg_c', 'inv_a', 'costs', 40_00),
    ]);
    expect(split).toEqual({
      allocations: [{ invoiceId: 'inv_a', amount: 1000_00 }],
      charges: [
        { chargeId: 'chg_c', amount: 40_00 },
        { chargeId: 'chg_i', amount: 12_34 },
      ],
    });
  });

  it('splits a partial payment: the principal gets what the charges leave', () => {
    // €100.00 against A: 40.00 costs, 12.34 interest, 47.66 principal.
    const split = splitPayment(100_00, [{ invoiceId: 'inv_a', amount: 100_00 }], due, [
      charge('chg_c', 'inv_a', 'costs', 40_00),
      charge('chg_i', 'inv_a', 'interest', 12_34),
    ]);
    expect(split.allocations).toEqual([{ invoiceId: 'inv_a', amount: 47_66 }]);
    expect(split.charges).toEqual([
      { chargeId: 'chg_c', amount: 40_00 },
      { chargeId: 'chg_i', amount: 12_34 },
    ]);
  });

  it('puts the claim costs first, then both invoices, oldest first, and keeps credit notes', () => {
    // WIK €375.00 on the claim; A interest 10.00, B interest 5.00. Allocated: B 2,000.00 (listed first),
    // A 1,000.00, credit note K −100.00; paid 2,900.00, nothing unallocated. Money on the invoices:
    // 3,000.00 → 375.00 WIK, 10.00 A's interest, 5.00 B's, then principal oldest first: A 1,000.00,
    // B 1,610.00.
    const split = splitPayment(
      2900_00,
      [
        { invoiceId: 'inv_b', amount: 2000_00 },
        { invoiceId: 'inv_a', amount: 1000_00 },
        { invoiceId: 'inv_k', amount: -100_00 },
      ],
      due,
      [
        charge('chg_bi', 'inv_b', 'interest', 5_00),
        charge('chg_w', null, 'costs', 375_00),
        charge('chg_ai', 'inv_a', 'interest', 10_00),
      ],
    );
    expect(split.charges).toEqual([
      { chargeId: 'chg_w', amount: 375_00 },
      { chargeId: 'chg_ai', amount: 10_00 },
      { chargeId: 'chg_bi', amount: 5_00 },
    ]);
    expect(split.allocations).toEqual([
      { invoiceId: 'inv_b', amount: 1610_00 },
      { invoiceId: 'inv_a', amount: 1000_00 },
      { invoiceId: 'inv_k', amount: -100_00 },
    ]);
  });

  it('drops an allocation the charges took whole, and spreads a part over episodes, oldest first', () => {
    // Claim costs from episode 1 (€30.00 open) and 2 (€50.00 open); €60.00 against A.
    const split = splitPayment(60_00, [{ invoiceId: 'inv_a', amount: 60_00 }], due, [
      charge('chg_2', null, 'costs', 50_00, 2),
      charge('chg_1', null, 'costs', 30_00, 1),
    ]);
    expect(split).toEqual({
      allocations: [],
      charges: [
        { chargeId: 'chg_1', amount: 30_00 },
        { chargeId: 'chg_2', amount: 30_00 },
      ],
    });
  });
});
