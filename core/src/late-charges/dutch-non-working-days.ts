// Saturdays, Sundays and the holidays of the Algemene termijnenwet (art. 3): the days a Dutch term
// does not end on and a letter is not taken to arrive on.
import { addDays } from './charge-dates.ts';

/**
 * True for a Saturday, a Sunday, or one of: New Year's Day, Good Friday, Easter Monday, King's Day
 * (27 April, the 26th when the 27th is a Sunday; Queen's Day 30 April before 2014, the 29th when a
 * Sunday), 5 May, Ascension Day, Whit Monday, Christmas Day and Boxing Day. Good Friday and 5 May
 * every year are counted although not every employer observes them: counting more days as
 * non-working only moves a deadline later.
 */
export function isDutchNonWorkingDay(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return true;
  return holidaysOf(Number(date.slice(0, 4))).has(date);
}

const cache = new Map<number, Set<string>>();

function holidaysOf(year: number): Set<string> {
  let days = cache.get(year);
  if (!days) {
    const easter = easterSunday(year);
    const kingsDay = year >= 2014 ? sundayBack(`${year}-04-27`) : sundayBack(`${year}-04-30`);
    days = new Set([
      `${year}-01-01`,
      addDays(easter, -2),
      addDays(easter, 1),
      kingsDay,
      `${year}-05-05`,
      addDays(easter, 39),
      addDays(easter, 50),
      `${year}-12-25`,
      `${year}-12-26`,
    ]);
    cache.set(year, days);
  }
  return days;
}

/** The day itself, or the Saturday before when it falls on a Sunday (King's Day's rule). */
function sundayBack(date: string): string {
  return new Date(`${date}T00:00:00Z`).getUTCDay() === 0 ? addDays(date, -1) : date;
}

/** Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
