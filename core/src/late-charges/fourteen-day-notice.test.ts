import { describe, expect, it } from 'vitest';
import { easterSunday, isDutchNonWorkingDay } from './dutch-non-working-days.ts';
import { costsChargeableFrom, noticeReceivedOn } from './fourteen-day-notice.ts';

describe('costsChargeableFrom', () => {
  it('counts fourteen days from the day after the assumed receipt', () => {
    // Sent Monday 3 March 2025 → received Tuesday 4 March → days 5–18 March → chargeable Wednesday 19 March.
    expect(noticeReceivedOn('2025-03-03')).toBe('2025-03-04');
    expect(costsChargeableFrom('2025-03-03')).toBe('2025-03-19');
  });

  it('takes a letter sent on a Friday or Saturday to arrive on Monday', () => {
    // Sent Friday 7 March 2025 → received Monday 10 March → days 11–24 March → chargeable 25 March.
    expect(costsChargeableFrom('2025-03-07')).toBe('2025-03-25');
    expect(noticeReceivedOn('2025-03-08')).toBe('2025-03-10');
  });

  it('skips Christmas and the weekend for receipt', () => {
    // Sent Wednesday 24 December 2025: 25 and 26 December are holidays, 27–28 the weekend →
    // received Monday 29 December → days 30 December – 12 January 2026 → chargeable 13 January 2026.
    expect(noticeReceivedOn('2025-12-24')).toBe('2025-12-29');
    expect(costsChargeableFrom('2025-12-24')).toBe('2026-01-13');
  });

  it("moves a term ending on a holiday to the next working day (Algemene termijnenwet): King's Day 2026", () => {
    // Sent Friday 10 April 2026 → received Monday 13 April → the 14th day is Monday 27 April, King's Day →
    // the term ends Tuesday 28 April → chargeable Wednesday 29 April.
    expect(costsChargeableFrom('2026-04-10')).toBe('2026-04-29');
  });
});

describe('isDutchNonWorkingDay', () => {
  it('knows Easter and the days hanging on it', () => {
    // Easter Sunday: 20 April 2025, 5 April 2026, 31 March 2024, 4 April 2010, 23 April 2000.
    expect(['2025', '2026', '2024', '2010', '2000'].map((y) => easterSunday(Number(y)))).toEqual([
      '2025-04-20',
      '2026-04-05',
      '2024-03-31',
      '2010-04-04',
      '2000-04-23',
    ]);
    // 2025: Good Friday 18 April, Easter Monday 21 April, Ascension 29 May, Whit Monday 9 June.
    for (const day of ['2025-04-18', '2025-04-21', '2025-05-29', '2025-06-09', '2025-05-05', '2025-01-01']) {
      expect(isDutchNonWorkingDay(day), day).toBe(true);
    }
    for (const day of ['2025-04-22', '2025-05-28', '2025-06-10', '2025-12-24']) {
      expect(isDutchNonWorkingDay(day), day).toBe(false);
    }
  });

  it("moves King's Day to the Saturday when 27 April is a Sunday, and knew Queen's Day before 2014", () => {
    // 27 April 2025 is a Sunday: King's Day was Saturday 26 April (a weekend day anyway).
    expect(isDutchNonWorkingDay('2025-04-26')).toBe(true);
    // 30 April 2013 (a Tuesday) was Queen's Day; 30 April 2014 was an ordinary Wednesday.
    expect(isDutchNonWorkingDay('2013-04-30')).toBe(true);
    expect(isDutchNonWorkingDay('2014-04-30')).toBe(false);
    expect(isDutchNonWorkingDay('2014-04-28')).toBe(false);
  });
});
