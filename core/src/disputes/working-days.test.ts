import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, publicHolidays } from './working-days.ts';

describe('working days', () => {
  it('skips the weekend and Dutch Christmas', () => {
    // Wed 23 Dec 2026: Thu 24 (1), Fri 25 Christmas, Sat, Sun, Mon 28 (2), Tue 29 (3), Wed 30 (4), Thu 31 (5).
    expect(addWorkingDays('2026-12-23', 5, 'NL')).toBe('2026-12-31');
    // From Thu 31 Dec: New Year's Day is a holiday, then the weekend.
    expect(addWorkingDays('2026-12-31', 1, 'NL')).toBe('2027-01-04');
  });

  it('counts only public holidays of the country', () => {
    expect(isWorkingDay('2026-12-25', 'NL')).toBe(false);
    expect(isWorkingDay('2026-12-31', 'NL')).toBe(true); // Oudejaarsdag: a bank holiday, not a public one
    expect(isWorkingDay('2026-10-03', 'DE')).toBe(false); // Tag der Deutschen Einheit (a Saturday anyway)
    expect(isWorkingDay('2026-10-05', 'DE')).toBe(true);
    expect(publicHolidays('DE', 2026).has('2026-05-01')).toBe(true);
    expect(publicHolidays('NL', 2026).has('2026-05-01')).toBe(false);
    expect(isWorkingDay('2026-04-27', 'NL')).toBe(false); // Koningsdag
  });

  it('treats an unknown country as weekends only', () => {
    expect(publicHolidays('XX', 2026).size).toBe(0);
    expect(addWorkingDays('2026-12-24', 1, 'XX')).toBe('2026-12-25');
    expect(addWorkingDays('2026-12-25', 1, 'XX')).toBe('2026-12-28');
  });

  it('answers the start for zero days', () => {
    expect(addWorkingDays('2026-12-26', 0, 'NL')).toBe('2026-12-26');
  });
});
