import { describe, expect, it } from 'vitest';
import { checkChargesPolicy } from './charges-policy.ts';

const letter = { channel: 'letter' };
const notice = { channel: 'letter', fourteenDayNotice: true };

describe('checkChargesPolicy', () => {
  it('accepts a B2C strategy with costs and a 14-day letter, and a B2B one without', () => {
    expect(
      checkChargesPolicy({ interest: 'statutory', compensation: 'wik' }, [letter, notice], ['b2c']),
    ).toEqual([]);
    expect(
      checkChargesPolicy({ interest: 'statutory_commercial', compensation: 'eu_fixed' }, [letter], ['b2b']),
    ).toEqual([]);
    expect(
      checkChargesPolicy({ interest: { fixedRatePercent: 9.5 }, compensation: 'none' }, [], ['b2b']),
    ).toEqual([]);
  });

  it('refuses costs for consumers without a step marked as the 14-day letter', () => {
    expect(checkChargesPolicy({ interest: 'none', compensation: 'wik' }, [letter, letter], ['b2c'])).toEqual([
      { field: 'steps', message: expect.stringContaining('fourteenDayNotice') },
    ]);
    // A strategy that does not say whom it reaches may reach consumers.
    expect(checkChargesPolicy({ interest: 'none', compensation: 'eu_fixed' }, [letter])).toHaveLength(1);
    expect(checkChargesPolicy({ interest: 'none', compensation: 'wik' }, [letter], ['b2b'])).toEqual([]);
  });

  it('names the step of a second 14-day letter and of one that is not written', () => {
    expect(
      checkChargesPolicy(
        { interest: 'none', compensation: 'wik' },
        [notice, { channel: 'phone', fourteenDayNotice: true }],
        ['b2c'],
      ),
    ).toEqual([
      { field: 'steps[1].fourteenDayNotice', message: expect.stringContaining('step 0') },
      { field: 'steps[1].channel', message: expect.stringContaining('written') },
    ]);
  });

  it('refuses an interest option without a rate source, a bad rate, and unknown options', () => {
    const fields = (policy: unknown, types?: ('b2b' | 'b2c')[]) =>
      checkChargesPolicy(policy as never, [notice], types).map((p) => p.field);
    expect(fields({ interest: {}, compensation: 'none' })).toEqual(['charges.interest.fixedRatePercent']);
    expect(fields({ interest: { fixedRatePercent: 0 }, compensation: 'none' })).toEqual([
      'charges.interest.fixedRatePercent',
    ]);
    expect(fields({ interest: { fixedRatePercent: 8.1234 }, compensation: 'none' })).toEqual([
      'charges.interest.fixedRatePercent',
    ]);
    expect(fields({ interest: { fixedRatePercent: 1000 }, compensation: 'none' })).toEqual([
      'charges.interest.fixedRatePercent',
    ]);
    expect(fields({ interest: 'usury', compensation: 'lots' })).toEqual([
      'charges.interest',
      'charges.compensation',
    ]);
  });

  it('refuses the commercial rate and the EU fixed sum for a consumers-only strategy', () => {
    expect(
      checkChargesPolicy(
        { interest: 'statutory_commercial', compensation: 'eu_fixed' },
        [notice],
        ['b2c'],
      ).map((p) => p.field),
    ).toEqual(['charges.interest', 'charges.compensation']);
  });
});
