// Calendar arithmetic the charges need on ISO `YYYY-MM-DD` business dates: day counts, half-years
// (statutory rates change only on 1 January and 1 July) and yearly anniversaries (compounding).
import { addDays, ISO_DATE } from '../shared/iso-date.ts';

const MS_PER_DAY = 86_400_000;

export { addDays };

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / MS_PER_DAY);
}

/** True when `date` is a 1 January or a 1 July: the days a half-yearly rate may start. */
export function isHalfYearStart(date: string): boolean {
  const match = ISO_DATE.exec(date);
  return match !== null && match[3] === '01' && (match[2] === '01' || match[2] === '07');
}

/** The first day of the half-year holding `date`: `YYYY-01-01` or `YYYY-07-01`. */
export function halfYearStart(date: string): string {
  return `${date.slice(0, 4)}-${Number(date.slice(5, 7)) <= 6 ? '01' : '07'}-01`;
}

/** The last day of the half-year holding `date`: `YYYY-06-30` or `YYYY-12-31`. */
export function halfYearEnd(date: string): string {
  return `${date.slice(0, 4)}-${Number(date.slice(5, 7)) <= 6 ? '06-30' : '12-31'}`;
}

/**
 * The same day `years` later. A 29 February lands on 1 March in a year without one (so a year
 * counted from 29 February 2024 ends on 28 February 2025).
 */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y + years, m - 1, d)).toISOString().slice(0, 10);
}

/** The earliest of some ISO dates (ISO dates sort as text). */
export function earliest(first: string, ...rest: string[]): string {
  return [first, ...rest].sort()[0] as string;
}
