/**
 * The calendar date (`YYYY-MM-DD`) of an instant in a time zone: the business date of an
 * administration in `timeZone` at `instant` (now by default), as PostgreSQL's
 * `(instant at time zone tz)::date` gives it. Read part by part, not from a locale's format.
 */
export function dateIn(timeZone: string, instant: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}
