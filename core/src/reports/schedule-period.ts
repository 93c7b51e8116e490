/** How often a schedule mails its report. */
export const CADENCES = ['daily', 'weekly', 'monthly'] as const;
export type Cadence = (typeof CADENCES)[number];

interface LocalClock {
  year: number;
  month: number;
  day: number;
  hour: number;
}

/**
 * The period a schedule is due to be mailed for at `now`, or null while its hour has not come yet:
 * a day (`2026-12-18`) from `hour` on, an ISO week (`2026-W51`) from Monday at `hour` on, a month
 * (`2026-12`) from the 1st at `hour` on, each in the schedule's time zone. A period stays due until
 * the next begins, so a worker that was down at the hour still sends it when it is back; a period
 * that ended while nothing ran is not sent late (its figures would be a later day's).
 */
export function duePeriod(cadence: Cadence, hour: number, timeZone: string, now: Date): string | null {
  const local = localClock(now, timeZone);
  const date = new Date(Date.UTC(local.year, local.month - 1, local.day));
  const firstDay =
    cadence === 'daily' ? true : cadence === 'weekly' ? date.getUTCDay() === 1 : local.day === 1;
  if (firstDay && local.hour < hour) return null;
  if (cadence === 'daily') return date.toISOString().slice(0, 10);
  if (cadence === 'monthly') return date.toISOString().slice(0, 7);
  return isoWeek(date);
}

function localClock(now: Date, timeZone: string): LocalClock {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(now);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour') };
}

/** ISO 8601 week: weeks start on Monday; week 1 holds the year's first Thursday. */
function isoWeek(date: Date): string {
  const thursday = new Date(date);
  thursday.setUTCDate(date.getUTCDate() + 3 - ((date.getUTCDay() + 6) % 7));
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
