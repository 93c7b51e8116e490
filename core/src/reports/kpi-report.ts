import type { EntityManager } from '@mikro-orm/postgresql';
import { type GroupBy, type InsightScope, type Kpis, kpisByGroup } from '../insight/index.ts';
import { groupNames } from './group-names.ts';
import { KPI_FIGURE_COLUMNS, kpiFigures } from './kpi-figures.ts';
import { type KpiPeriod, kpiPeriod } from './kpi-period.ts';
import type { ReportMessages } from './messages/report-messages.ts';
import type { ReportLocale } from './report-locale.ts';
import { type Report, type ReportTable, textTable } from './report-model.ts';
import { currencyNote, periodText, reportDate, scopeParameters } from './report-scope.ts';

export interface KpiReportQuery extends InsightScope {
  from?: string;
  to?: string;
  period?: KpiPeriod;
  groupBy?: GroupBy;
  convertTo?: string;
}

/**
 * The KPI report: insight's KPIs for a period (given, or named relative to today: kpi-period.ts),
 * per currency and, with `groupBy`, per administration, segment, collector or debtor; a table of the
 * receivables figures and one of promises and disputes. No chart: its figures are days and
 * percentages of one period; the KPI series report draws them over time.
 */
export async function kpiReport(
  em: EntityManager,
  query: KpiReportQuery,
  locale: ReportLocale,
): Promise<Report> {
  const { text } = locale;
  const { from: _from, to: _to, period: _period, groupBy = 'all', convertTo, ...scope } = query;
  const parameters = await scopeParameters(em, scope, locale);
  const period = kpiPeriod(query, await reportDate(em, scope));
  const byKey = await kpisByGroup(em, { ...scope, ...period, convertTo }, groupBy);
  const names = await groupNames(em, groupBy, [...byKey.keys()], locale);
  const groups = [...byKey].map(([key, kpis]): [string, Kpis] => [names.get(key) ?? key, kpis]);
  return {
    kind: 'kpis',
    language: locale.language,
    title: text.kpis.title,
    asOf: period.to,
    parameters: [
      ...parameters,
      { label: text.scope.period, value: periodText(locale, period.from, period.to) },
      ...(groupBy === 'all' ? [] : [{ label: text.scope.per, value: text.scope.groupBy[groupBy] }]),
    ],
    notes: [currencyNote(groups[0]?.[1].conversion ?? null, locale), text.kpis.decimals],
    tables: [currencyTable(groups, text), activityTable(groups, text)],
    charts: [],
  };
}

function currencyTable(groups: [string, Kpis][], text: ReportMessages): ReportTable {
  return textTable(
    'kpis',
    text.kpis.receivables,
    [
      ['group', 'text'],
      ['currency', 'text'],
      ['beginning', 'money'],
      ['ending', 'money'],
      ['ending_past_due', 'money'],
      ['credit_sales', 'money'],
      ...KPI_FIGURE_COLUMNS,
    ],
    groups.flatMap(([group, kpis]) =>
      kpis.currencies.map((k) => {
        const money = (minor: number) => ({ minor, currency: k.currency });
        return {
          group,
          currency: k.currency,
          beginning: money(k.receivables.beginning),
          ending: money(k.receivables.ending),
          ending_past_due: money(k.receivables.endingPastDue),
          credit_sales: money(k.creditSales),
          ...kpiFigures(k),
        };
      }),
    ),
  );
}

function activityTable(groups: [string, Kpis][], text: ReportMessages): ReportTable {
  return textTable(
    'activity',
    text.kpis.activity,
    [
      ['group', 'text'],
      ['promises_kept', 'integer'],
      ['promises_broken', 'integer'],
      ['promise_kept_rate', 'percent'],
      ['disputes_opened', 'integer'],
      ['disputes_resolved', 'integer'],
      ['days_to_resolve', 'decimal'],
      ['disputes_open', 'integer'],
      ['open_age_days', 'decimal'],
    ],
    groups.map(([group, { promises, disputes }]) => ({
      group,
      promises_kept: promises.kept,
      promises_broken: promises.broken,
      promise_kept_rate: promises.keptRate,
      disputes_opened: disputes.opened,
      disputes_resolved: disputes.resolved,
      days_to_resolve: disputes.averageDaysToResolve,
      disputes_open: disputes.open,
      open_age_days: disputes.averageOpenAgeDays,
    })),
  );
}
