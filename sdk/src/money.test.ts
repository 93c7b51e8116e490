import { describe, expect, it } from 'vitest';
import { currencyDecimals } from './money.ts';
import * as runtime from './plugin-runtime.ts';

describe('currencyDecimals', () => {
  it('gives the ISO 4217 minor unit: 2 by default, 0, 3 or 4 where the standard says so', () => {
    expect(['EUR', 'USD', 'GBP', 'CHF'].map(currencyDecimals)).toEqual([2, 2, 2, 2]);
    expect(['JPY', 'KRW', 'ISK', 'CLP', 'XOF'].map(currencyDecimals)).toEqual([0, 0, 0, 0, 0]);
    expect(['KWD', 'BHD', 'TND', 'IQD'].map(currencyDecimals)).toEqual([3, 3, 3, 3]);
    expect(['CLF', 'UYW'].map(currencyDecimals)).toEqual([4, 4]);
    expect(currencyDecimals('jpy')).toBe(0);
  });

  it('reaches bundled plugins: it is part of what kredo-plugin build bundles as @kredo/sdk', () => {
    expect(runtime.currencyDecimals).toBe(currencyDecimals);
  });
});
