import { describe, expect, it } from 'vitest';
import { InvalidValueError } from './errors.ts';
import { currencyExponent, parseAmount } from './money.ts';

describe('currencyExponent', () => {
  it('follows ISO 4217: 2 by default, 0, 3 and 4 where the standard says so', () => {
    expect(['EUR', 'USD', 'GBP', 'SEK'].map(currencyExponent)).toEqual([2, 2, 2, 2]);
    expect(['JPY', 'KRW', 'ISK', 'CLP', 'VND', 'XOF'].map(currencyExponent)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(['BHD', 'KWD', 'OMR', 'JOD', 'TND', 'IQD', 'LYD'].map(currencyExponent)).toEqual([
      3, 3, 3, 3, 3, 3, 3,
    ]);
    expect(currencyExponent('CLF')).toBe(4);
  });

  it('accepts lower case and rejects codes that are not currencies', () => {
    expect(currencyExponent('jpy')).toBe(0);
    expect(() => currencyExponent('EURO')).toThrow('"EURO" is not an ISO 4217 currency code');
    expect(() => currencyExponent('XAU')).toThrow(InvalidValueError);
    // A withdrawn code, still met in old bank files, says so and names what replaced it.
    expect(() => currencyExponent('DEM')).toThrow('"DEM" is a withdrawn currency (replaced by EUR)');
    expect(() => currencyExponent('vef')).toThrow('"vef" is a withdrawn currency (replaced by VES)');
  });
});

describe('parseAmount', () => {
  it.each([
    ['1234.56', 123456],
    ['1234,56', 123456],
    ['1.234,56', 123456],
    ['1,234.56', 123456],
    ['1 234,56', 123456],
    ['1\u00a0234,56', 123456],
    ["1'234.56", 123456],
    ['12.345.678,90', 1234567890],
    ['1,234,567', 123456700],
    ['0,5', 50],
    [',75', 75],
    ['7', 700],
    ['  42.10 ', 4210],
    ['+3.00', 300],
  ])('reads %j as %i cents', (text, cents) => {
    expect(parseAmount(text, 'EUR')).toBe(cents);
  });

  it('reads a leading or a trailing minus', () => {
    expect(parseAmount('-12,50', 'EUR')).toBe(-1250);
    expect(parseAmount('12,50-', 'EUR')).toBe(-1250);
    expect(parseAmount('- 1.000,00', 'EUR')).toBe(-100000);
  });

  it('never returns negative zero', () => {
    expect(Object.is(parseAmount('-0,00', 'EUR'), 0)).toBe(true);
  });

  it('scales by the currency exponent', () => {
    expect(parseAmount('1500', 'JPY')).toBe(1500);
    expect(parseAmount('1.234,500', 'KWD')).toBe(1234500);
    expect(parseAmount('0.001', 'BHD')).toBe(1);
    expect(parseAmount('1', 'CLF')).toBe(10000);
  });

  it('accepts decimals beyond the exponent only when they are zeros', () => {
    expect(parseAmount('18.150', 'EUR', { decimalSeparator: '.' })).toBe(1815);
    expect(parseAmount('100.00000', 'EUR')).toBe(10000);
    expect(parseAmount('1500.00', 'JPY')).toBe(1500);
    expect(() => parseAmount('10.0051', 'EUR')).toThrow('amount "10.0051" has 4 decimals where EUR has 2');
    expect(() => parseAmount('1500.5', 'JPY')).toThrow('has 1 decimals where JPY has 0');
  });

  it('rejects a single separator before three digits when the currency cannot settle it', () => {
    expect(() => parseAmount('1.500', 'EUR')).toThrow('amount "1.500" is ambiguous');
    expect(() => parseAmount('2,345', 'USD')).toThrow('is ambiguous');
    // Whole-number currencies group thousands; three-decimal currencies write three decimals.
    expect(parseAmount('1.500', 'JPY')).toBe(1500);
    expect(parseAmount('1,500', 'KWD')).toBe(1500);
    // Zero before the separator cannot be a thousands group; a space group fixes the other one as decimal.
    expect(parseAmount('0,125', 'KWD')).toBe(125);
    expect(parseAmount('1 234.500', 'EUR')).toBe(123450);
  });

  it('lets a known decimal separator settle what the value cannot', () => {
    expect(parseAmount('1.500', 'EUR', { decimalSeparator: ',' })).toBe(150000);
    expect(parseAmount('1.500', 'EUR', { decimalSeparator: '.' })).toBe(150);
    expect(parseAmount('1,234.56', 'EUR', { decimalSeparator: '.' })).toBe(123456);
    expect(() => parseAmount('1.234.56', 'EUR', { decimalSeparator: '.' })).toThrow('misplaced separator');
  });

  it.each([
    ['', 'is not a number'],
    ['-', 'is not a number'],
    ['12a', 'is not a number'],
    ['€ 12', 'is not a number'],
    ['1e3', 'is not a number'],
    ['--5', 'is not a number'],
    ['1,2,3', 'has misplaced thousands separators'],
    ['12,34.567,8', 'has a misplaced separator'],
    ['1.23.456,00', 'has misplaced thousands separators'],
    ['1.234 567,00', 'has misplaced thousands separators'],
    ['99999999999999999', 'is too large'],
  ])('rejects %j: %s', (text, why) => {
    let error: unknown;
    try {
      parseAmount(text, 'EUR');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidValueError);
    expect((error as InvalidValueError).code).toBe('invalid_amount');
    expect((error as Error).message).toBe(`amount ${JSON.stringify(text)} ${why}`);
  });

  it('keeps the largest safe integer exact', () => {
    expect(parseAmount('90071992547409.91', 'EUR')).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => parseAmount('90071992547409.92', 'EUR')).toThrow('is too large');
  });
});
