// Calendar arithmetic on ISO `YYYY-MM-DD` business dates, as text: no time zone, no time of day.

/** An ISO `YYYY-MM-DD` date, its year, month and day captured. */
export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The ISO text of a calendar date, or undefined when there is no such day. */
export function calendarDate(year: number, month: number, day: number): string | undefined {
  // Plain arithmetic rather than Date: this runs for every date of every imported row.
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const last = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  if (last === undefined || day < 1 || day > last) return undefined;
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** The ISO date `days` calendar days after (or, negative, before) an ISO date. */
export function addDays(iso: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`addDays needs a whole number of days, got ${days}`);
  const match = ISO_DATE.exec(iso);
  if (!match || calendarDate(Number(match[1]), Number(match[2]), Number(match[3])) !== iso) {
    throw new RangeError(`addDays needs a YYYY-MM-DD date, got ${JSON.stringify(iso.slice(0, 40))}`);
  }
  return new Date(Date.parse(iso) + days * MS_PER_DAY).toISOString().slice(0, 10);
}
