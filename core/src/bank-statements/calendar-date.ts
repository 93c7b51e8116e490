import { parseDate } from '../imports/index.ts';

/** `YYYY-MM-DD` naming a day of the calendar: `Date.parse` alone takes 2026-02-30 for 2 March. */
export function isCalendarDate(text: string): boolean {
  try {
    return /^\d{4}-\d{2}-\d{2}$/.test(text) && parseDate(text) === text;
  } catch {
    return false;
  }
}
