// Business dates as whole days since 1970-01-01 (UTC): plain integer arithmetic for terms and
// ageing, with no time zone or daylight-saving surprises, converted to ISO text only at the edge.

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of an ISO `YYYY-MM-DD` date; throws on text that is not a real calendar date. */
export function toDayNumber(iso: string): number {
  const match = ISO_DATE.exec(iso);
  if (!match) throw new RangeError(`expected a YYYY-MM-DD date, got "${iso}"`);
  const [, year, month, day] = match;
  const ms = Date.UTC(Number(year), Number(month) - 1, Number(day));
  // Date.UTC rolls 2026-02-30 over into March; the round trip catches it.
  if (toIsoDate(ms / MS_PER_DAY) !== iso) throw new RangeError(`"${iso}" is not a calendar date`);
  return ms / MS_PER_DAY;
}

export function toIsoDate(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday (day 0, 1970-01-01, was a Thursday). */
export function weekday(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** The day itself on weekdays; the Friday before on a weekend, when ERPs do not invoice. */
export function previousWorkday(dayNumber: number): number {
  const day = weekday(dayNumber);
  if (day === 6) return dayNumber - 1;
  if (day === 0) return dayNumber - 2;
  return dayNumber;
}

/** ISO 8601 week number (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(dayNumber: number): number {
  const thursday = dayNumber - ((weekday(dayNumber) + 6) % 7) + 3;
  const year = new Date(thursday * MS_PER_DAY).getUTCFullYear();
  const januaryFirst = Date.UTC(year, 0, 1) / MS_PER_DAY;
  return Math.floor((thursday - januaryFirst) / 7) + 1;
}

/** Today's date in UTC, for callers that do not pin `today`. */
export function todayIso(): string {
  return toIsoDate(Math.floor(Date.now() / MS_PER_DAY));
}
