import { describe, expect, it } from 'vitest';
import { isoWeek, previousWorkday, toDayNumber, toIsoDate, weekday } from './dates.ts';

describe('business dates', () => {
  it('round-trips ISO dates through day numbers', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('2026-03-14') - toDayNumber('2026-02-28')).toBe(14);
    expect(toIsoDate(toDayNumber('2024-02-29'))).toBe('2024-02-29');
  });

  it('rejects text that is not a calendar date', () => {
    expect(() => toDayNumber('2026-02-30')).toThrow(RangeError);
    expect(() => toDayNumber('14-03-2026')).toThrow(RangeError);
    expect(() => toDayNumber('2026-3-1')).toThrow(RangeError);
  });

  it('knows weekdays and moves weekends back to Friday', () => {
    expect(weekday(toDayNumber('2026-03-14'))).toBe(6);
    expect(toIsoDate(previousWorkday(toDayNumber('2026-03-14')))).toBe('2026-03-13');
    expect(toIsoDate(previousWorkday(toDayNumber('2026-03-15')))).toBe('2026-03-13');
    expect(toIsoDate(previousWorkday(toDayNumber('2026-03-16')))).toBe('2026-03-16');
  });

  it('numbers ISO weeks across year boundaries', () => {
    expect(isoWeek(toDayNumber('2026-01-01'))).toBe(1);
    expect(isoWeek(toDayNumber('2027-01-01'))).toBe(53);
    expect(isoWeek(toDayNumber('2024-12-30'))).toBe(1);
    expect(isoWeek(toDayNumber('2026-03-14'))).toBe(11);
  });
});
