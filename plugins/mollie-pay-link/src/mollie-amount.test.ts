import { describe, expect, it } from 'vitest';
import { fromMollieValue, toMollieValue } from './mollie-amount.ts';

describe('toMollieValue', () => {
  it.each([
    [1234, 'EUR', '12.34'],
    [5, 'EUR', '0.05'],
    [100, 'USD', '1.00'],
    [1500, 'JPY', '1500'],
    [1500, 'ISK', '1500'],
    [1500, 'KWD', '1.500'],
  ])('%d %s is "%s"', (minor, currency, value) => {
    expect(toMollieValue(minor, currency)).toBe(value);
  });

  it('refuses what is not an integer of minor units', () => {
    expect(() => toMollieValue(12.5, 'EUR')).toThrow(RangeError);
    expect(() => toMollieValue(-1, 'EUR')).toThrow(RangeError);
  });
});

describe('fromMollieValue', () => {
  it('reads the digits back into minor units', () => {
    expect(fromMollieValue('12.34', 'EUR')).toBe(1234);
    expect(fromMollieValue('12.3', 'EUR')).toBe(1230);
    expect(fromMollieValue('1500', 'JPY')).toBe(1500);
    expect(fromMollieValue('1500.00', 'JPY')).toBeUndefined();
    expect(fromMollieValue('12,34', 'EUR')).toBeUndefined();
    expect(fromMollieValue('-1.00', 'EUR')).toBeUndefined();
  });
});
