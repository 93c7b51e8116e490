import { describe, expect, it } from 'vitest';
import { allocateWithCharges, type Claim } from './allocate-with-charges.ts';

// A claim: WIK costs 425.00 on the whole, A due 31 Jan (interest 10.00, principal 1,000.00),
// B due 31 Mar (EU costs 40.00, interest 5.00, principal 2,000.00). Listed out of order on purpose.
const claim: Claim = {
  costs: 425_00,
  invoices: [
    { id: 'inv_b', dueDate: '2025-03-31', costs: 40_00, interest: 5_00, principal: 2_000_00 },
    { id: 'inv_a', dueDate: '2025-01-31', costs: 0, interest: 10_00, principal: 1_000_00 },
  ],
};

describe('allocateWithCharges', () => {
  it('pays costs, then interest, then principal, oldest invoice first', () => {
    // 500.00: claim costs 425.00, B's costs 40.00 (75.00 → 35.00 left), A's interest 10.00 (25.00 left),
    // B's interest 5.00 (20.00 left), A's principal 20.00.
    expect(allocateWithCharges(500_00, claim)).toEqual({
      lines: [
        { invoiceId: null, part: 'costs', amount: 425_00 },
        { invoiceId: 'inv_b', part: 'costs', amount: 40_00 },
        { invoiceId: 'inv_a', part: 'interest', amount: 10_00 },
        { invoiceId: 'inv_b', part: 'interest', amount: 5_00 },
        { invoiceId: 'inv_a', part: 'principal', amount: 20_00 },
      ],
      unallocated: 0,
    });
  });

  it('stops inside costs when the payment is small', () => {
    expect(allocateWithCharges(100_00, claim)).toEqual({
      lines: [{ invoiceId: null, part: 'costs', amount: 100_00 }],
      unallocated: 0,
    });
  });

  it('leaves an overpayment unallocated', () => {
    // Owed: 425 + 40 + 10 + 5 + 1,000 + 2,000 = 3,480.00; paid 3,500.00 → 20.00 left.
    const result = allocateWithCharges(3_500_00, claim);
    expect(result.unallocated).toBe(20_00);
    expect(result.lines.reduce((sum, line) => sum + line.amount, 0)).toBe(3_480_00);
    expect(result.lines.at(-1)).toEqual({ invoiceId: 'inv_b', part: 'principal', amount: 2_000_00 });
  });

  it('breaks a tie on due date by id, skips zero and negative parts, and pays nothing with nothing', () => {
    const tied: Claim = {
      costs: 0,
      invoices: [
        { id: 'inv_2', dueDate: '2025-01-31', costs: 0, interest: -3, principal: 100 },
        { id: 'inv_1', dueDate: '2025-01-31', costs: 0, interest: 0, principal: 100 },
      ],
    };
    expect(allocateWithCharges(150, tied).lines).toEqual([
      { invoiceId: 'inv_1', part: 'principal', amount: 100 },
      { invoiceId: 'inv_2', part: 'principal', amount: 50 },
    ]);
    expect(allocateWithCharges(0, claim)).toEqual({ lines: [], unallocated: 0 });
    expect(() => allocateWithCharges(-1, claim)).toThrow(RangeError);
    expect(() => allocateWithCharges(1.5, claim)).toThrow(RangeError);
  });
});
