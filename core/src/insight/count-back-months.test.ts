import { describe, expect, it } from 'vitest';
import { countBackMonths, monthsBefore } from './count-back-months.ts';

describe('count-back months', () => {
  it('are calendar months back from a month’s last day', () => {
    expect(countBackMonths('2026-06-30', 3)).toEqual([
      { after: '2026-05-31', through: '2026-06-30', days: 30 },
      { after: '2026-04-30', through: '2026-05-31', days: 31 },
      { after: '2026-03-31', through: '2026-04-30', days: 30 },
    ]);
  });

  it('keep the day of the month elsewhere, the month’s last day where it has none', () => {
    expect(monthsBefore('2026-03-15', 1)).toBe('2026-02-15');
    expect(monthsBefore('2026-03-30', 1)).toBe('2026-02-28');
    expect(monthsBefore('2026-02-28', 1)).toBe('2026-01-31');
    expect(monthsBefore('2026-01-10', 13)).toBe('2024-12-10');
  });
});
