import type { EntityManager } from '@mikro-orm/postgresql';
import { type GroupBy, type InsightScope, type Kpis, kpisByGroup } from '../insight/index.ts';
import { groupNames } from './group-names.ts';
import { type KpiPeriod, kpiPeriod } from './kpi-period.ts';
import { column, type Report, type ReportTable } from './report-model.ts';
import { currencyNote, reportDate, scopeParameters } from './report-scope.ts';

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
 * percentages, which the ageing and forecast charts do not draw.
 */
export async function kpiReport(em: EntityManager, query: KpiReportQuery): Promise<Report> {
  const { from: _from, to: _to, period: _period, groupBy = 'all', convertTo, ...scope } = query;
  const parameters = await scopeParameters(em, scope);
  const period = kpiPeriod(query, await reportDate(em, scope));
  const byKey = await kpisByGroup(em, { ...scope, ...period, convertTo }, groupBy);
  const names = await groupNames(em, groupBy, [...byKey.keys()]);
  const groups = [...byKey].map(([key, kpis]): [string, Kpis] => [names.get(key) ?? key, kpis]);
  return {
    kind: 'kpis',
    title: 'Credit-management KPIs',
    asOf: period.to,
    parameters: [
      ...parameters,
      { label: 'Period', value: `${period.from} to ${period.to}` },
      ...(groupBy === 'all' ? [] : [{ label: 'Per', value: groupBy }]),
    ],
    notes: [
      currencyNote(groups[0]?.[1].conversion ?? null),
      'Days and percentages to one decimal; formulas in docs/insight.md.',
    ],
    tables: [currencyTable(groups), activityTable(groups)],
    charts: [],
  };
}

function currencyTable(groups: [string, Kpis][]): ReportTable {
  return {
    name: 'kpis',
    title: 'Receivables',
    columns: [
      column('group', 'Group'),
      column('currency', 'Currency'),
      column('beginning', 'Receivables at start', 'money'),
      column('ending', 'Receivables at end', 'money'),
      column('ending_past_due', 'Past due at end', 'money'),
      column('credit_sales', 'Credit sales', 'money'),
      column('dso', 'DSO', 'decimal'),
      column('count_back_dso', 'Count-back DSO', 'decimal'),
      column('best_possible_dso', 'Best possible DSO', 'decimal'),
      column('average_days_delinquent', 'Avg. days delinquent', 'decimal'),
      column('cei', 'CEI', 'percent'),
      column('overdue_share', 'Overdue share', 'percent'),
    ],
    rows: groups.flatMap(([group, kpis]) =>
      kpis.currencies.map((k) => {
        const money = (minor: number) => ({ minor, currency: k.currency });
        return {
          group,
          currency: k.currency,
          beginning: money(k.receivables.beginning),
          ending: money(k.receivables.ending),
          ending_past_due: money(k.receivables.endingPastDue),
          credit_sales: money(k.creditSales),
          dso: k.dso,
          count_back_dso: k.countBackDso,
          best_possible_dso: k.bestPossibleDso,
          average_days_delinquent: k.averageDaysDelinquent,
          cei: k.cei,
          overdue_share: k.overdueShare,
        };
      }),
    ),
  };
}

function activityTable(groups: [string, Kpis][]): ReportTable {
  return {
    name: 'activity',
    title: 'Promises and disputes',
    columns: [
      column('group', 'Group'),
      column('promises_kept', 'Promises kept', 'integer'),
      column('promises_broken', 'Promises broken', 'integer'),
      column('promise_kept_rate', 'Kept rate', 'percent'),
      column('disputes_opened', 'Disputes opened', 'integer'),
      column('disputes_resolved', 'Disputes resolved', 'integer'),
      column('days_to_resolve', 'Avg. days to resolve', 'decimal'),
      column('disputes_open', 'Open at end', 'integer'),
      column('open_age_days', 'Avg. age open (days)', 'decimal'),
    ],
    rows: groups.map(([group, { promises, disputes }]) => ({
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
  };
}
