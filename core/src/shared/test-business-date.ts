import { dateIn } from './date-in.ts';
import { addDays } from './iso-date.ts';

/**
 * Today's business date in `timeZone` (test administrations are in Europe/Amsterdam unless made
 * otherwise), as PostgreSQL's `(now() at time zone tz)::date` gives it, moved `days` (negative:
 * before). Tests date their invoices from this, never from the UTC date: the two differ for an
 * hour or two each night, and a test dated from UTC then fails (a CI run at 23:04 UTC once did).
 */
export function businessDay(days = 0, timeZone = 'Europe/Amsterdam'): string {
  return addDays(dateIn(timeZone), days);
}
