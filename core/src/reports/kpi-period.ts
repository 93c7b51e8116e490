import { invalid } from '../shared/errors.ts';
import { addDays } from '../shared/iso-date.ts';

/** Periods named relative to the report's date, for schedules: a monthly schedule sends `previous_month`. */
export const KPI_PERIODS = [
  'previous_month',
  'month_to_date',
  'previous_quarter',
  'quarter_to_date',
  'year_to_date',
] as const;
export type KpiPeriod = (typeof KPI_PERIODS)[number];

/**
 * The period a KPI report covers: `from` and `to` when given (both, or neither: 400 naming the one
 * missing), else the named period as of `today` (a business date): the month or quarter before
 * today's, or from the start of today's month, quarter or year up to today.
 */
export function kpiPeriod(
  query: { from?: string; to?: string; period?: KpiPeriod },
  today: string,
): { from: string; to: string } {
  if (query.from || query.to) {
    if (!query.from) throw invalid('from', 'give from with to');
    if (!query.to) throw invalid('to', 'give to with from');
    return { from: query.from, to: query.to };
  }
  const [year, month] = today.split('-').map(Number) as [number, number];
  const firstOf = (y: number, m: number) => new Date(Date.UTC(y, m - 1, 1)).toISOString().slice(0, 10);
  const quarterStart = month - ((month - 1) % 3);
  switch (query.period ?? 'previous_month') {
    case 'previous_month':
      return { from: firstOf(year, month - 1), to: addDays(firstOf(year, month), -1) };
    case 'month_to_date':
      return { from: firstOf(year, month), to: today };
    case 'previous_quarter':
      return { from: firstOf(year, quarterStart - 3), to: addDays(firstOf(year, quarterStart), -1) };
    case 'quarter_to_date':
      return { from: firstOf(year, quarterStart), to: today };
    case 'year_to_date':
      return { from: firstOf(year, 1), to: today };
  }
}
