import { describe, expect, it } from 'vitest';
import { duePeriod } from './schedule-period.ts';

const at = (instant: string) => new Date(instant);

describe('duePeriod', () => {
  it('is a day from the hour on, in the schedule’s time zone', () => {
    // 05:30 UTC is 06:30 in Amsterdam in winter: before 7, nothing yet; 06:00 UTC is 07:00 there.
    expect(duePeriod('daily', 7, 'Europe/Amsterdam', at('2026-12-18T05:30:00Z'))).toBeNull();
    expect(duePeriod('daily', 7, 'Europe/Amsterdam', at('2026-12-18T06:00:00Z'))).toBe('2026-12-18');
    // 23:30 UTC is 00:30 on the 19th there: the 18th's report went out, the 19th's waits for 7.
    expect(duePeriod('daily', 7, 'Europe/Amsterdam', at('2026-12-18T22:30:00Z'))).toBe('2026-12-18');
    expect(duePeriod('daily', 7, 'Europe/Amsterdam', at('2026-12-18T23:30:00Z'))).toBeNull();
    expect(duePeriod('daily', 0, 'UTC', at('2026-12-18T00:00:00Z'))).toBe('2026-12-18');
  });

  it('is an ISO week from Monday at the hour on, and stays due all week', () => {
    // Monday 14 December 2026 is in ISO week 51.
    expect(duePeriod('weekly', 7, 'UTC', at('2026-12-14T06:59:00Z'))).toBeNull();
    expect(duePeriod('weekly', 7, 'UTC', at('2026-12-14T07:00:00Z'))).toBe('2026-W51');
    expect(duePeriod('weekly', 7, 'UTC', at('2026-12-20T01:00:00Z'))).toBe('2026-W51');
    // Sunday 13 December, before Monday's hour: still the week before.
    expect(duePeriod('weekly', 7, 'UTC', at('2026-12-13T08:00:00Z'))).toBe('2026-W50');
    // Friday 1 January 2027 belongs to 2026's week 53; Monday 4 January starts 2027-W01.
    expect(duePeriod('weekly', 7, 'UTC', at('2027-01-01T12:00:00Z'))).toBe('2026-W53');
    expect(duePeriod('weekly', 7, 'UTC', at('2027-01-04T07:00:00Z'))).toBe('2027-W01');
  });

  it('is a month from the 1st at the hour on', () => {
    expect(duePeriod('monthly', 7, 'Europe/Amsterdam', at('2026-12-01T05:00:00Z'))).toBeNull();
    expect(duePeriod('monthly', 7, 'Europe/Amsterdam', at('2026-12-01T06:00:00Z'))).toBe('2026-12');
    expect(duePeriod('monthly', 7, 'Europe/Amsterdam', at('2026-12-31T22:59:00Z'))).toBe('2026-12');
    // New Year's Eve 23:00 UTC is already 1 January 00:00 in Amsterdam: January, before its hour.
    expect(duePeriod('monthly', 7, 'Europe/Amsterdam', at('2026-12-31T23:00:00Z'))).toBeNull();
  });
});
