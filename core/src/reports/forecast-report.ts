import type { EntityManager } from '@mikro-orm/postgresql';
import { type Forecast, type ForecastRequest, forecast, forecastWeeks } from '../forecast/index.ts';
import { column, type Report, type ReportChart, type ReportTable } from './report-model.ts';
import { scopeParameters } from './report-scope.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The cash-flow forecast report: forecast/'s 13 weeks of one administration in one currency, as a
 * table of periods (days or weeks), a summary, and a chart of the expected receipts per week (bars)
 * with the disputed amounts (a line), which the forecast keeps apart.
 */
export async function forecastReport(em: EntityManager, request: ForecastRequest): Promise<Report> {
  const parameters = await scopeParameters(em, { administrationId: request.administrationId });
  const result = await forecast(em, request);
  return {
    kind: 'forecast',
    title: 'Cash-flow forecast',
    asOf: result.asOf,
    parameters: [
      ...parameters,
      { label: 'Currency', value: result.currency },
      { label: 'Period', value: `${result.from} to ${result.to}, per ${result.granularity}` },
    ],
    notes: [
      `Only amounts in ${result.currency}; invoices in an open dispute are apart from the expected receipts.`,
    ],
    tables: [periodTable(result), summaryTable(result)],
    charts: [weeklyChart(result)],
  };
}

function periodTable(result: Forecast): ReportTable {
  const { currency } = result;
  const money = (minor: number) => ({ minor, currency });
  return {
    name: 'forecast',
    title: `Expected receipts per ${result.granularity}`,
    columns: [
      column('start', 'From', 'date'),
      column('end', 'To', 'date'),
      column('currency', 'Currency'),
      column('expected', 'Expected', 'money'),
      column('invoices', 'Invoices', 'money'),
      column('overdue', 'Overdue, caught up', 'money'),
      column('promises', 'Promises', 'money'),
      column('plans', 'Plan instalments', 'money'),
      column('disputed', 'Disputed (apart)', 'money'),
    ],
    rows: result.periods.map((p) => ({
      start: p.start,
      end: p.end,
      currency,
      expected: money(p.expected),
      invoices: money(p.invoices),
      overdue: money(p.overdue),
      promises: money(p.promises),
      plans: money(p.plans),
      disputed: money(p.disputed),
    })),
  };
}

function summaryTable(result: Forecast): ReportTable {
  const { currency } = result;
  return {
    name: 'summary',
    title: 'Totals',
    columns: [
      column('currency', 'Currency'),
      column('expected', 'Expected in the 13 weeks', 'money'),
      column('disputed', 'Disputed in the 13 weeks', 'money'),
      column('expected_later', 'Expected later', 'money'),
      column('disputed_later', 'Disputed later', 'money'),
      column('days_beyond_terms', 'Administration’s days beyond terms', 'decimal'),
      column('debtors_with_history', 'Debtors with own history', 'integer'),
    ],
    rows: [
      {
        currency,
        expected: { minor: result.total.expected, currency },
        disputed: { minor: result.total.disputed, currency },
        expected_later: { minor: result.beyondHorizon.expected, currency },
        disputed_later: { minor: result.beyondHorizon.disputed, currency },
        days_beyond_terms: result.behaviour.administrationDaysBeyondTerms,
        debtors_with_history: result.behaviour.debtorsWithHistory,
      },
    ],
  };
}

/** Per ISO week whatever the table's granularity: 13 bars fit a page, 91 days would not. */
function weeklyChart(result: Forecast): ReportChart {
  const weeks = forecastWeeks(result.asOf);
  const inWeek = (week: { start: string; end: string }, key: 'expected' | 'disputed') =>
    result.periods
      .filter((p) => p.start >= week.start && p.start <= week.end)
      .reduce((sum, p) => sum + p[key], 0);
  return {
    title: `Expected receipts per week (${result.currency})`,
    currency: result.currency,
    categories: weeks.map((week) => weekLabel(week.start)),
    series: [
      { name: 'Expected', kind: 'bar', values: weeks.map((week) => inWeek(week, 'expected')) },
      { name: 'Disputed (apart)', kind: 'line', values: weeks.map((week) => inWeek(week, 'disputed')) },
    ],
  };
}

/** `14 Dec`: the Monday a week starts on. */
function weekLabel(monday: string): string {
  const [, month, day] = monday.split('-').map(Number);
  return `${day} ${MONTHS[(month as number) - 1]}`;
}
