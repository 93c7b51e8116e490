import { describe, expect, it } from 'vitest';
import { euFixedCompensation, wikCosts } from './compensation.ts';

describe('wikCosts', () => {
  it('charges the €40 minimum on small claims', () => {
    // 100.00: 15 % = 15.00 < 40.00 → 40.00; 266.67: 15 % = 40.0005 → 40.00 (and the minimum)
    expect(wikCosts(100_00, 'EUR')).toMatchObject({ scaleAmount: 15_00, amount: 40_00, limit: 'minimum' });
    expect(wikCosts(266_67, 'EUR')).toMatchObject({ scaleAmount: 40_00, amount: 40_00, limit: null });
  });

  it('applies each bracket to its slice of the principal', () => {
    // 3,000.00: 15 % of 2,500 = 375.00 + 10 % of 500 = 50.00 → 425.00
    expect(wikCosts(3_000_00, 'EUR')).toEqual({
      principal: 3_000_00,
      brackets: [
        { from: 0, to: 2_500_00, percent: 15, slice: 2_500_00, amount: 375_00 },
        { from: 2_500_00, to: 5_000_00, percent: 10, slice: 500_00, amount: 50_00 },
      ],
      scaleAmount: 425_00,
      amount: 425_00,
      limit: null,
    });
    // 12,000.00: 375 + 250 + 250 + 1 % of 2,000 = 20 → 895.00
    expect(wikCosts(12_000_00, 'EUR')?.amount).toBe(895_00);
    // 1,234.57: 15 % = 185.1855 → 185.19
    expect(wikCosts(1_234_57, 'EUR')?.amount).toBe(185_19);
  });

  it('takes 0.5 % above €200,000 and stops at €6,775', () => {
    // 250,000.00: 375 + 250 + 250 + 1,900 + 0.5 % of 50,000 = 250 → 3,025.00
    const over = wikCosts(250_000_00, 'EUR');
    expect(over?.brackets.at(-1)).toEqual({
      from: 200_000_00,
      to: null,
      percent: 0.5,
      slice: 50_000_00,
      amount: 250_00,
    });
    expect(over?.amount).toBe(3_025_00);
    // 1,000,000.00: 2,775 + 0.5 % of 800,000 = 4,000 → 6,775.00 exactly
    expect(wikCosts(1_000_000_00, 'EUR')).toMatchObject({ amount: 6_775_00, limit: null });
    // 2,000,000.00: 2,775 + 9,000 = 11,775 → capped at 6,775.00
    expect(wikCosts(2_000_000_00, 'EUR')).toMatchObject({
      scaleAmount: 11_775_00,
      amount: 6_775_00,
      limit: 'maximum',
    });
  });

  it('charges nothing on no claim, and nothing outside EUR', () => {
    expect(wikCosts(0, 'EUR')).toEqual({
      principal: 0,
      brackets: [],
      scaleAmount: 0,
      amount: 0,
      limit: null,
    });
    expect(wikCosts(-500, 'EUR')?.amount).toBe(0);
    expect(wikCosts(3_000_00, 'USD')).toBeUndefined();
    expect(() => wikCosts(1.5, 'EUR')).toThrow(RangeError);
  });
});

describe('euFixedCompensation', () => {
  it('is €40 per invoice in EUR and none in another currency', () => {
    expect(euFixedCompensation('EUR')).toBe(40_00);
    expect(euFixedCompensation('GBP')).toBeUndefined();
    expect(euFixedCompensation('JPY')).toBeUndefined();
  });
});
