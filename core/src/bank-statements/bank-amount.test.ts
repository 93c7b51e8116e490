import { describe, expect, it } from 'vitest';
import { bankAmount } from './bank-amount.ts';

describe('bankAmount', () => {
  it('reads CAMT and MT940 decimals into minor units, keeping the exact text', () => {
    expect(bankAmount('8.85', 'EUR')).toEqual({ amount: 885, amountText: '8.85' });
    expect(bankAmount('000000000150,00', 'EUR', ',')).toEqual({ amount: 15000, amountText: '150.00' });
    expect(bankAmount('2700', 'JPY')).toEqual({ amount: 2700, amountText: '2700' });
    expect(bankAmount('0', 'SEK')).toEqual({ amount: 0, amountText: '0' });
    expect(bankAmount('1,', 'EUR', ',')).toEqual({ amount: 100, amountText: '1' });
  });

  it('rounds five decimals half up to the currency and keeps them in the text', () => {
    expect(bankAmount('8.850', 'EUR')).toEqual({ amount: 885, amountText: '8.850' });
    expect(bankAmount('12.34567', 'EUR')).toEqual({ amount: 1235, amountText: '12.34567' });
    expect(bankAmount('0.00500', 'EUR')).toEqual({ amount: 1, amountText: '0.00500' });
    expect(bankAmount('0.00499', 'EUR')).toEqual({ amount: 0, amountText: '0.00499' });
    expect(bankAmount('1.2345', 'KWD')).toEqual({ amount: 1235, amountText: '1.2345' });
  });

  it('refuses what is not an unsigned decimal in a known currency', () => {
    expect(() => bankAmount('-1.00', 'EUR')).toThrow(/not an unsigned decimal/);
    expect(() => bankAmount('1.000,00', 'EUR', ',')).toThrow(/not an unsigned decimal/);
    expect(() => bankAmount('3,95', 'EUR')).toThrow(/not an unsigned decimal/);
    expect(() => bankAmount('3.95', 'EUR', ',')).toThrow(/not an unsigned decimal/);
    expect(() => bankAmount('1.00', 'XXY')).toThrow(/ISO 4217/);
    expect(() => bankAmount('99999999999999999', 'EUR')).toThrow(/too large/);
  });
});
