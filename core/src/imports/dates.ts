import { InvalidValueError, quote } from './errors.ts';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
// Day first, as everywhere in Europe; the separator must be the same twice ("31-12.2024" is a typo).
const DAY_FIRST = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$/;
const MS_PER_DAY = 86_400_000;
// Outside this range a business date is a typo or an ERP placeholder such as 0001-01-01 for "none".
const FIRST_YEAR = 1900;
const LAST_YEAR = 2999;

/**
 * Reads a business date written as YYYY-MM-DD, DD-MM-YYYY, DD/MM/YYYY or DD.MM.YYYY (day and month may
 * have one digit) into ISO `YYYY-MM-DD`, rejecting dates that are not on the calendar (2024-02-30).
 */
export function parseDate(text: string): string {
  const value = text.trim();
  const iso = ISO.exec(value);
  const dayFirst = iso ? null : DAY_FIRST.exec(value);
  if (!iso && !dayFirst) {
    throw new InvalidValueError(
      'invalid_date',
      `date ${quote(text)} is not in a known format (YYYY-MM-DD, DD-MM-YYYY, DD/MM/YYYY or DD.MM.YYYY)`,
    );
  }
  const [year, month, day] = iso
    ? [Number(iso[1]), Number(iso[2]), Number(iso[3])]
    : [Number(dayFirst?.[4]), Number(dayFirst?.[3]), Number(dayFirst?.[1])];
  if (year < FIRST_YEAR || year > LAST_YEAR) {
    throw new InvalidValueError(
      'invalid_date',
      `date ${quote(text)} is outside the years ${FIRST_YEAR}–${LAST_YEAR}`,
    );
  }
  const result = calendarDate(year, month, day);
  if (result === undefined) throw new InvalidValueError('invalid_date', `date ${quote(text)} does not exist`);
  return result;
}

/** The ISO date `days` calendar days after (or, negative, before) an ISO date. */
export function addDays(iso: string, days: number): string {
  if (!Number.isInteger(days)) throw new RangeError(`addDays needs a whole number of days, got ${days}`);
  const match = ISO.exec(iso);
  if (!match || calendarDate(Number(match[1]), Number(match[2]), Number(match[3])) !== iso) {
    throw new RangeError(`addDays needs a YYYY-MM-DD date, got ${quote(iso)}`);
  }
  return toIso(Date.parse(iso) + days * MS_PER_DAY);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The ISO text of a calendar date, or undefined when there is no such day. */
function calendarDate(year: number, month: number, day: number): string | undefined {
  // Plain arithmetic rather than Date: this runs for every date of every imported row.
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const last = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
  if (last === undefined || day < 1 || day > last) return undefined;
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

function toIso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
