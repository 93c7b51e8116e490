import { calendarDate, ISO_DATE } from '../shared/iso-date.ts';
import { InvalidValueError, quote } from './errors.ts';

// Day first, as everywhere in Europe; the separator must be the same twice ("31-12.2024" is a typo).
const DAY_FIRST = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$/;
// Outside this range a business date is a typo or an ERP placeholder such as 0001-01-01 for "none".
const FIRST_YEAR = 1900;
const LAST_YEAR = 2999;

/**
 * Reads a business date written as YYYY-MM-DD, DD-MM-YYYY, DD/MM/YYYY or DD.MM.YYYY (day and month may
 * have one digit) into ISO `YYYY-MM-DD`, rejecting dates that are not on the calendar (2024-02-30).
 */
export function parseDate(text: string): string {
  const value = text.trim();
  const iso = ISO_DATE.exec(value);
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
