import type { EntityManager } from '@mikro-orm/postgresql';
import { type SeriesPoint, type SnapshotGroup, snapshotSeries } from '../insight/index.ts';
import { addDays } from '../shared/iso-date.ts';
import { groupNames } from './group-names.ts';
import { KPI_FIGURE_COLUMNS, kpiFigures } from './kpi-figures.ts';
import { type KpiPeriod, kpiPeriod } from './kpi-period.ts';
import type { ReportLocale } from './report-locale.ts';
import { type Cell, type Report, type ReportChart, type ReportTable, textTable } from './report-model.ts';
import { periodText, reportDate, scopeParameters } from './report-scope.ts';

export interface KpiSeriesReportQuery {
  from?: string;
  to?: string;
  period?: KpiPeriod;
  groupBy?: SnapshotGroup;
  administrationId?: string;
  groupKey?: string;
}

/** The palette's size: more lines on one chart could no longer be told apart. */
const MAX_LINES = 5;

/** One line of the charts: an administration's group, in one currency. */
interface Line {
  name: string;
  currency: string;
  dso: Map<string, number | null>;
  overdueShare: Map<string, number | null>;
}

/**
 * The KPI series report: insight's daily snapshots over a period (given, or named relative to today
 * as the KPI report's), a row per day, administration, group and currency with the figures exactly as
 * the snapshot kept them, the days without a snapshot, and per currency a line chart of DSO and one
 * of the overdue share over the days (a line per group, gaps where a day has none).
 */
export async function kpiSeriesReport(
  em: EntityManager,
  query: KpiSeriesReportQuery,
  locale: ReportLocale,
): Promise<Report> {
  const { text } = locale;
  const groupBy = query.groupBy ?? 'administration';
  const scope = { administrationId: query.administrationId };
  const parameters = await scopeParameters(em, scope, locale);
  const period = kpiPeriod(query, await reportDate(em, scope));
  const series = await snapshotSeries(em, { ...period, ...scope, groupBy, groupKey: query.groupKey });
  const administrations = await groupNames(
    em,
    'administration',
    [...new Set([...series.points, ...series.missing].map((p) => p.administrationId))],
    locale,
  );
  const groups = await groupNames(em, groupBy, [...new Set(series.points.map((p) => p.groupKey))], locale);
  const nameOf = (point: SeriesPoint) => ({
    administration: administrations.get(point.administrationId) ?? point.administrationId,
    group: groups.get(point.groupKey) ?? point.groupKey,
  });
  const lines = linesOf(series.points, groupBy, nameOf);
  const rebuilt = new Set(
    series.points.filter((p) => p.rebuilt).map((p) => `${p.administrationId} ${p.day}`),
  );
  const drawn = new Set(lines.slice(0, MAX_LINES).map((line) => line.name)).size;
  const allNames = new Set(lines.map((line) => line.name)).size;
  return {
    kind: 'kpi-series',
    language: locale.language,
    title: text.series.title,
    asOf: period.to,
    parameters: [
      ...parameters,
      { label: text.scope.period, value: periodText(locale, period.from, period.to) },
      { label: text.scope.per, value: text.scope.groupBy[groupBy] },
    ],
    notes: [
      text.series.snapshots,
      text.scope.perCurrency,
      ...(rebuilt.size > 0 ? [text.series.rebuilt(rebuilt.size)] : []),
      ...(drawn < allNames ? [text.series.moreLines(drawn, allNames)] : []),
    ],
    tables: [
      dayTable(series.points, nameOf, locale),
      textTable(
        'missing',
        text.series.missing,
        [
          ['day', 'date'],
          ['administration', 'text'],
        ],
        series.missing.map((m) => ({
          day: m.day,
          administration: administrations.get(m.administrationId) ?? m.administrationId,
        })),
      ),
    ],
    charts: charts(lines, days(period.from, period.to), locale),
  };
}

function dayTable(
  points: SeriesPoint[],
  nameOf: (point: SeriesPoint) => { administration: string; group: string },
  { text }: ReportLocale,
): ReportTable {
  const rows: Record<string, Cell>[] = points.flatMap((point) =>
    point.kpis.currencies.map((k) => ({
      day: point.day,
      ...nameOf(point),
      currency: k.currency,
      ending: { minor: k.receivables.ending, currency: k.currency },
      ending_past_due: { minor: k.receivables.endingPastDue, currency: k.currency },
      ...kpiFigures(k),
    })),
  );
  // The KPI columns are labelled as in the KPI report; the day's own columns come from the series texts.
  const columns = { ...text.kpis.receivables.columns, ...text.series.days.columns };
  return textTable(
    'days',
    { ...text.series.days, columns },
    [
      ['day', 'date'],
      ['administration', 'text'],
      ['group', 'text'],
      ['currency', 'text'],
      ['ending', 'money'],
      ['ending_past_due', 'money'],
      ...KPI_FIGURE_COLUMNS,
    ],
    rows,
  );
}

/** The points as lines, one per administration, group and currency, in the order they first appear. */
function linesOf(
  points: SeriesPoint[],
  groupBy: SnapshotGroup,
  nameOf: (point: SeriesPoint) => { administration: string; group: string },
): Line[] {
  const lines = new Map<string, Line>();
  for (const point of points) {
    const names = nameOf(point);
    // Per administration the group is the administration: its name once is enough.
    const name =
      groupBy === 'administration' ? names.administration : `${names.administration} · ${names.group}`;
    for (const k of point.kpis.currencies) {
      const key = `${point.administrationId}\u0000${point.groupKey}\u0000${k.currency}`;
      let line = lines.get(key);
      if (!line) {
        line = { name, currency: k.currency, dso: new Map(), overdueShare: new Map() };
        lines.set(key, line);
      }
      line.dso.set(point.day, k.dso);
      line.overdueShare.set(point.day, k.overdueShare);
    }
  }
  return [...lines.values()];
}

/** Per currency, a chart of DSO and one of the overdue share over every day of the period. */
function charts(lines: Line[], period: string[], { text, format }: ReportLocale): ReportChart[] {
  const currencies = [...new Set(lines.map((line) => line.currency))].sort();
  const categories = period.map((day) => format.dayMonth(day));
  return currencies.flatMap((currency) => {
    const drawn = lines.filter((line) => line.currency === currency).slice(0, MAX_LINES);
    const series = (figure: 'dso' | 'overdueShare') =>
      drawn.map((line) => ({
        name: line.name,
        kind: 'line' as const,
        values: period.map((day) => line[figure].get(day) ?? null),
      }));
    return [
      {
        title: text.series.dsoChart(currency),
        currency,
        unit: 'days' as const,
        axisLabel: text.frame.days,
        categories,
        series: series('dso'),
      },
      {
        title: text.series.overdueChart(currency),
        currency,
        unit: 'percent' as const,
        axisLabel: '%',
        categories,
        series: series('overdueShare'),
      },
    ];
  });
}

/** Every day from `from` to `to`, both included. */
function days(from: string, to: string): string[] {
  const all: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) all.push(day);
  return all;
}
