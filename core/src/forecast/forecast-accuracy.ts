import type { EntityManager } from '@mikro-orm/postgresql';
import { businessDateOf, getAdministration } from '../administrations/index.ts';
import { receiptsByDaySql } from '../payments/index.ts';
import { invalid } from '../shared/errors.ts';
import { addDays } from '../shared/iso-date.ts';
import type { Granularity } from './forecast.ts';

/**
 * How right the forecast was: for each past day or ISO week, what the forecast made `leadDays` before
 * the period began expected (forecast-snapshot.ts) against what arrived (payments allocated to
 * invoices, by value date: payments/paid-on.ts).
 *
 * The error is the WAPE, weighted absolute percentage error: Σ|actual − expected| / Σ actual × 100,
 * over the periods that had a forecast. Not MAPE: a day without receipts (every weekend) has no
 * percentage error, and MAPE lets small days weigh as much as large ones; WAPE is defined whenever
 * anything arrived and weighs each period by its money. The bias, Σ(expected − actual) / Σ actual ×
 * 100, says which way it errs (positive: expected too much).
 */
export interface AccuracyRequest {
  administrationId: string;
  currency?: string;
  granularity: Granularity;
  /** First and last day looked at; default the 28 days up to yesterday. `to` must be before today. */
  from?: string;
  to?: string;
  /** The forecast compared is the one made this many days before each period began; default 7. */
  leadDays?: number;
}

export interface AccuracyPeriod {
  start: string;
  end: string;
  /** The day the compared forecast was made. */
  madeOn: string;
  /** Null when no forecast was kept that day (the job did not run): left out of the error. */
  expected: number | null;
  actual: number;
}

export interface ForecastAccuracy {
  administrationId: string;
  currency: string;
  granularity: Granularity;
  leadDays: number;
  from: string;
  to: string;
  periods: AccuracyPeriod[];
  /** Null when nothing arrived in the periods compared. */
  wapePercent: number | null;
  biasPercent: number | null;
  periodsCompared: number;
  periodsMissing: number;
}

export async function forecastAccuracy(
  em: EntityManager,
  request: AccuracyRequest,
): Promise<ForecastAccuracy> {
  const administration = await getAdministration(em, request.administrationId);
  const currency = request.currency ?? administration.currency;
  const today = await businessDateOf(em, administration.id);
  const leadDays = request.leadDays ?? 7;
  const to = request.to ?? addDays(today, -1);
  const from = request.from ?? addDays(to, -27);
  if (to >= today) throw invalid('to', `must be before today (${today}): only the past has arrived`);
  if (from > to) throw invalid('from', 'must not be after to');
  if (Date.parse(to) - Date.parse(from) > 366 * 86_400_000)
    throw invalid('from', 'at most 366 days before to');
  const ranges = request.granularity === 'day' ? days(from, to) : weeksWithin(from, to);
  const expectedRows = await em.execute<{ made_on: string; day: string; expected: string }[]>(
    `select to_char(made_on, 'YYYY-MM-DD') as made_on, to_char(day, 'YYYY-MM-DD') as day, expected
     from forecast_snapshot where administration_id = ? and currency = ? and day between ? and ?
       and made_on = any(?::date[])`,
    [administration.id, currency, from, to, `{${ranges.map((r) => addDays(r.start, -leadDays)).join(',')}}`],
  );
  const actualRows = await em.execute<{ day: string; amount: string }[]>(
    `select to_char(r.day, 'YYYY-MM-DD') as day, r.amount from ${receiptsByDaySql('?', '?', '?::date', '?::date')} r`,
    [administration.id, currency, from, to],
  );
  const periods = ranges.map((range): AccuracyPeriod => {
    const madeOn = addDays(range.start, -leadDays);
    const inRange = (day: string) => range.start <= day && day <= range.end;
    const kept = expectedRows.filter((row) => row.made_on === madeOn && inRange(row.day));
    return {
      ...range,
      madeOn,
      expected: kept.length === 0 ? null : kept.reduce((sum, row) => sum + Number(row.expected), 0),
      actual: actualRows.filter((row) => inRange(row.day)).reduce((sum, row) => sum + Number(row.amount), 0),
    };
  });
  return {
    administrationId: administration.id,
    currency,
    granularity: request.granularity,
    leadDays,
    from,
    to,
    periods,
    ...errorOf(periods),
  };
}

/** WAPE and bias over the periods that had a forecast, to two decimals. */
export function errorOf(periods: readonly AccuracyPeriod[]) {
  const compared = periods.filter((p) => p.expected !== null);
  const actual = compared.reduce((sum, p) => sum + p.actual, 0);
  const absolute = compared.reduce((sum, p) => sum + Math.abs(p.actual - (p.expected ?? 0)), 0);
  const signed = compared.reduce((sum, p) => sum + ((p.expected ?? 0) - p.actual), 0);
  const percent = (part: number) => (actual === 0 ? null : Math.round((part / actual) * 10_000) / 100);
  return {
    wapePercent: percent(absolute),
    biasPercent: percent(signed),
    periodsCompared: compared.length,
    periodsMissing: periods.length - compared.length,
  };
}

function days(from: string, to: string): { start: string; end: string }[] {
  const list: { start: string; end: string }[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) list.push({ start: day, end: day });
  return list;
}

/** The ISO weeks (Monday to Sunday) that lie wholly within `from`–`to`. */
export function weeksWithin(from: string, to: string): { start: string; end: string }[] {
  const weekday = (new Date(Date.parse(from)).getUTCDay() + 6) % 7;
  const list: { start: string; end: string }[] = [];
  for (
    let monday = weekday === 0 ? from : addDays(from, 7 - weekday);
    addDays(monday, 6) <= to;
    monday = addDays(monday, 7)
  ) {
    list.push({ start: monday, end: addDays(monday, 6) });
  }
  return list;
}
