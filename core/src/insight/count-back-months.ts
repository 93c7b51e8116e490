import { addDays, calendarDate, ISO_DATE } from '../shared/iso-date.ts';

/** How far the count back looks: receivables older than two years of sales make the DSO a lower bound. */
export const COUNT_BACK_MONTHS = 24;

/** One month of the count back: the days after `after` up to and including `through`. */
export interface MonthSlice {
  after: string;
  through: string;
  days: number;
}

/**
 * The `n` months ending on `through`, the latest first. A month ends on the same day of the month
 * (the month's last day where it has no such day); counting back from a month's last day gives
 * calendar months.
 */
export function countBackMonths(through: string, n = COUNT_BACK_MONTHS): MonthSlice[] {
  const ends = Array.from({ length: n + 1 }, (_, k) => monthsBefore(through, k));
  return ends.slice(0, n).map((end, k) => {
    const after = ends[k + 1] as string;
    return { after, through: end, days: daysBetween(after, end) };
  });
}

/** The date `k` months before `iso`: the same day, or the month's last day when `iso` is one or there is none. */
export function monthsBefore(iso: string, k: number): string {
  const [, y, m, d] = (ISO_DATE.exec(iso) ?? []).map(Number) as [number, number, number, number];
  const monthEnd = addDays(iso, 1).slice(8) === '01';
  const index = y * 12 + (m - 1) - k;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = lastDay(year, month);
  return calendarDate(year, month, monthEnd ? last : Math.min(d, last)) as string;
}

/** Whole days from `a` to `b`. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
}

function lastDay(year: number, month: number): number {
  for (let day = 31; day > 28; day--) if (calendarDate(year, month, day)) return day;
  return 28;
}
