import type { EntityManager } from '@mikro-orm/postgresql';
import { type Forecast, type ForecastRequest, forecast, forecastWeeks } from '../forecast/index.ts';
import type { ReportLocale } from './report-locale.ts';
import { type Report, type ReportChart, type ReportTable, textTable } from './report-model.ts';
import { periodText, scopeParameters } from './report-scope.ts';

/**
 * The cash-flow forecast report: forecast/'s 13 weeks of one administration in one currency, as a
 * table of periods (days or weeks), a summary, and a chart of the expected receipts per week (bars)
 * with the disputed amounts (a line), which the forecast keeps apart; in the locale's language.
 */
export async function forecastReport(
  em: EntityManager,
  request: ForecastRequest,
  locale: ReportLocale,
): Promise<Report> {
  const { text } = locale;
  const parameters = await scopeParameters(em, { administrationId: request.administrationId }, locale);
  const result = await forecast(em, request);
  const per = result.granularity === 'day' ? text.forecast.perDay : text.forecast.perWeek;
  return {
    kind: 'forecast',
    language: locale.language,
    title: text.forecast.title,
    asOf: result.asOf,
    parameters: [
      ...parameters,
      { label: text.scope.currency, value: result.currency },
      { label: text.scope.period, value: `${periodText(locale, result.from, result.to)}, ${per}` },
    ],
    notes: [text.forecast.onlyCurrency(result.currency)],
    tables: [periodTable(result, locale, per), summaryTable(result, locale)],
    charts: [weeklyChart(result, locale)],
  };
}

function periodTable(result: Forecast, { text }: ReportLocale, per: string): ReportTable {
  const { currency } = result;
  const money = (minor: number) => ({ minor, currency });
  return textTable(
    'forecast',
    text.forecast.periods,
    [
      ['start', 'date'],
      ['end', 'date'],
      ['currency', 'text'],
      ['expected', 'money'],
      ['invoices', 'money'],
      ['overdue', 'money'],
      ['promises', 'money'],
      ['plans', 'money'],
      ['disputed', 'money'],
    ],
    result.periods.map((p) => ({
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
    `${text.forecast.periods.title} ${per}`,
  );
}

function summaryTable(result: Forecast, { text }: ReportLocale): ReportTable {
  const { currency } = result;
  return textTable(
    'summary',
    text.forecast.summary,
    [
      ['currency', 'text'],
      ['expected', 'money'],
      ['disputed', 'money'],
      ['expected_later', 'money'],
      ['disputed_later', 'money'],
      ['days_beyond_terms', 'decimal'],
      ['debtors_with_history', 'integer'],
    ],
    [
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
  );
}

/** Per ISO week whatever the table's granularity: 13 bars fit a page, 91 days would not. */
function weeklyChart(result: Forecast, { text, format }: ReportLocale): ReportChart {
  const weeks = forecastWeeks(result.asOf);
  const inWeek = (week: { start: string; end: string }, key: 'expected' | 'disputed') =>
    result.periods
      .filter((p) => p.start >= week.start && p.start <= week.end)
      .reduce((sum, p) => sum + p[key], 0);
  return {
    title: text.forecast.chart(result.currency),
    currency: result.currency,
    // `14 Dec`, `14 dec`, `14. Dez.`: the Monday each week starts on.
    categories: weeks.map((week) => format.dayMonth(week.start)),
    series: [
      { name: text.forecast.expected, kind: 'bar', values: weeks.map((week) => inWeek(week, 'expected')) },
      { name: text.forecast.disputed, kind: 'line', values: weeks.map((week) => inWeek(week, 'disputed')) },
    ],
  };
}
