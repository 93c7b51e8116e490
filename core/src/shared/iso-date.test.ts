import { describe, expect, it } from 'vitest';
import { addDays } from './iso-date.ts';

describe('addDays', () => {
  it('counts calendar days across months, years and leap days', () => {
    expect(addDays('2024-01-31', 30)).toBe('2024-03-01');
    expect(addDays('2023-01-31', 30)).toBe('2023-03-02');
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2024-03-31', 0)).toBe('2024-03-31');
  });

  it('is not thrown off by daylight saving time', () => {
    expect(addDays('2024-03-30', 1)).toBe('2024-03-31');
    expect(addDays('2024-03-31', 1)).toBe('2024-04-01');
    expect(addDays('2024-10-27', 1)).toBe('2024-10-28');
  });

  it('refuses what callers should have validated', () => {
    expect(() => addDays('2024-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('31-01-2024', 1)).toThrow(RangeError);
    expect(() => addDays('2024-01-31', 1.5)).toThrow('whole number of days');
  });
});
