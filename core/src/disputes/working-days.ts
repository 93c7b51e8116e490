import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';
import { addDays } from '../shared/iso-date.ts';

// Loaded on the first holiday asked for, not in every process that composes the disputes module (its
// rules for every country take ~0.2 s to load); required, its CommonJS build, as the callers are synchronous.
const loadHolidays = () => createRequire(import.meta.url)('date-holidays') as typeof Holidays;

/** Public holidays (`YYYY-MM-DD`) of a country and year, computed once per process. */
const holidayCache = new Map<string, ReadonlySet<string>>();

/**
 * A country's public holidays in a year, from `date-holidays`. Only the `public` type counts: bank
 * holidays, school holidays and observances (the Netherlands' 5 May outside lustrum years, New Year's
 * Eve) are working days for a credit team. An unknown country has none: weekends still count.
 */
export function publicHolidays(country: string, year: number): ReadonlySet<string> {
  const key = `${country}:${year}`;
  let days = holidayCache.get(key);
  if (!days) {
    const calendar = new (loadHolidays())();
    const known = calendar.getCountries()[country] !== undefined;
    if (known) calendar.init(country);
    const list = known ? calendar.getHolidays(year) : [];
    days = new Set(list.filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
    holidayCache.set(key, days);
  }
  return days;
}

/** Monday to Friday and not a public holiday of `country`. */
export function isWorkingDay(date: string, country: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !publicHolidays(country, Number(date.slice(0, 4))).has(date);
}

/**
 * The business date `days` working days after `start` (which itself does not count): a dispute opened
 * on Wednesday 23 December 2026 in the Netherlands with 5 days is due Thursday 31 December (24, 28,
 * 29, 30, 31: Christmas, Boxing Day and the weekend skipped).
 */
export function addWorkingDays(start: string, days: number, country: string): string {
  if (!Number.isInteger(days) || days < 0)
    throw new RangeError(`addWorkingDays needs days >= 0, got ${days}`);
  let date = start;
  for (let left = days; left > 0; ) {
    date = addDays(date, 1);
    if (isWorkingDay(date, country)) left -= 1;
  }
  return date;
}
