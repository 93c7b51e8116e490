import type { EntityManager } from '@mikro-orm/postgresql';
import type { ForecastRequest } from '../forecast/index.ts';
import {
  type AgeingQuery,
  ageingBuckets,
  edgesQuery,
  GROUP_BYS,
  parseEdges,
  SNAPSHOT_GROUPS,
  scopeQuery,
} from '../insight/index.ts';
import type { Schema } from '../shared/joi.ts';
import { Joi } from '../shared/joi.ts';
import { currency, isoDate, prefixedId } from '../shared/schemas.ts';
import { ageingReport } from './ageing-report.ts';
import { forecastReport } from './forecast-report.ts';
import { KPI_PERIODS, type KpiPeriod, kpiPeriod } from './kpi-period.ts';
import { type KpiReportQuery, kpiReport } from './kpi-report.ts';
import { type KpiSeriesReportQuery, kpiSeriesReport } from './kpi-series-report.ts';
import type { ReportLocale } from './report-locale.ts';
import type { Report } from './report-model.ts';

/**
 * One kind of report: the query it takes (joi keys, checked by the route, the CLI and a schedule
 * alike) and how it is built from that query under the caller's tenant, in a language.
 */
export interface ReportKind {
  kind: string;
  description: string;
  query: Record<string, Schema>;
  /** Its tables' names, in order: a CSV holds one of them (`table`). */
  tables: readonly string[];
  /** Keys that pin a date: a schedule refuses them, as it reports as of the day it sends. */
  datedKeys: readonly string[];
  /**
   * The query pinned to `today` (a business date): what it names relative to today (the default
   * date, a named period) counted from that day. A schedule pins the day it sends for, so the report
   * is the period's whatever the database's clock says.
   */
  pinnedTo(query: Record<string, unknown>, today: string): Record<string, unknown>;
  /** Checks beyond the query's joi keys (a bucket edge above the one before), 400 naming `prefix` + the field. */
  check?(query: Record<string, unknown>, prefix: string): void;
  build(em: EntityManager, query: Record<string, unknown>, locale: ReportLocale): Promise<Report>;
}

/** A report as of a day: that day when the query names none. */
const pinAsOf = (query: Record<string, unknown>, today: string) => ({ ...query, asOf: query.asOf ?? today });

/** A report over a period: the named one (`previous_month` unless said) as of `today`, as `from` and `to`. */
const pinPeriod = (query: Record<string, unknown>, today: string) => ({
  ...query,
  ...kpiPeriod(query as { from?: string; to?: string; period?: KpiPeriod }, today),
});

const convertTo = currency.description(
  'Convert every currency into this one at the tenant’s rates (docs/insight.md); 400 when one is missing',
);

const ageingKind: ReportKind = {
  kind: 'ageing',
  description: 'Ageing of open receivables per currency: buckets, totals and a chart per currency',
  query: { ...scopeQuery, asOf: isoDate, edges: edgesQuery, convertTo },
  tables: ['ageing', 'totals'],
  datedKeys: ['asOf'],
  pinnedTo: pinAsOf,
  check: (query, prefix) => {
    const edges = parseEdges(query.edges as string | undefined);
    if (edges) ageingBuckets(edges, `${prefix}edges`);
  },
  build: (em, query, locale) => {
    const { edges, ...rest } = query as Omit<AgeingQuery, 'edges'> & { edges?: string };
    return ageingReport(em, { ...rest, edges: parseEdges(edges) }, locale);
  },
};

const kpisKind: ReportKind = {
  kind: 'kpis',
  description:
    'KPIs for a period per currency (DSO, count-back DSO, best possible DSO, CEI …), promises and disputes',
  query: {
    ...scopeQuery,
    from: isoDate.description('First day of the period (with `to`)'),
    to: isoDate.description('Last day of the period (with `from`)'),
    period: Joi.string()
      .valid(...KPI_PERIODS)
      .description('Without `from` and `to`: the period relative to today (default `previous_month`)'),
    groupBy: Joi.string()
      .valid(...GROUP_BYS)
      .description('A row per administration, segment, collector or debtor (default `all`)'),
    convertTo,
  },
  tables: ['kpis', 'activity'],
  datedKeys: ['from', 'to'],
  pinnedTo: pinPeriod,
  build: (em, query, locale) => kpiReport(em, query as KpiReportQuery, locale),
};

const forecastKind: ReportKind = {
  kind: 'forecast',
  description: 'The 13-week cash-flow forecast of one administration in one currency, with its weekly chart',
  query: {
    administrationId: prefixedId('adm').required(),
    currency: currency.description('Default the administration’s currency'),
    granularity: Joi.string().valid('day', 'week').default('week').description('Rows per day or week'),
    asOf: isoDate.description('The business date to forecast from; default today'),
  },
  tables: ['forecast', 'summary'],
  datedKeys: ['asOf'],
  pinnedTo: pinAsOf,
  build: (em, query, locale) => forecastReport(em, query as unknown as ForecastRequest, locale),
};

const kpiSeriesKind: ReportKind = {
  kind: 'kpi-series',
  description:
    'The daily KPI snapshots over a period (DSO, CEI, overdue share … per day), with line charts of DSO and overdue share',
  query: {
    from: isoDate.description('First day (with `to`)'),
    to: isoDate.description('Last day (with `from`); at most 366 days after `from`'),
    period: Joi.string()
      .valid(...KPI_PERIODS)
      .description('Without `from` and `to`: the days relative to today (default `previous_month`)'),
    groupBy: Joi.string()
      .valid(...SNAPSHOT_GROUPS)
      .default('administration')
      .description('A line per administration, segment or collector, as the snapshots keep them'),
    administrationId: prefixedId('adm'),
    groupKey: Joi.string().min(1).max(200).description('Only this segment’s or collector’s days'),
  },
  tables: ['days', 'missing'],
  datedKeys: ['from', 'to'],
  pinnedTo: pinPeriod,
  build: (em, query, locale) => kpiSeriesReport(em, query as KpiSeriesReportQuery, locale),
};

/** Every report kind, by name: the routes, the CLI and the schedules offer these. */
export const REPORT_KINDS: Readonly<Record<string, ReportKind>> = {
  ageing: ageingKind,
  kpis: kpisKind,
  forecast: forecastKind,
  'kpi-series': kpiSeriesKind,
};
