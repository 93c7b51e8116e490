export {
  type Ageing,
  type AgeingQuery,
  ageing,
  ageingByGroup,
  type CurrencyAgeing,
  type Tally,
} from './ageing.ts';
export { type AgeingBucket, ageingBuckets, DEFAULT_AGEING_EDGES } from './ageing-buckets.ts';
export { insightModule } from './insight-module.ts';
export { edgesQuery, parseEdges, scopeQuery } from './insight-schemas.ts';
export { GROUP_BYS, type GroupBy, type InsightScope } from './insight-scope.ts';
export { type InsightSettings, readInsightSettings } from './insight-settings.ts';
export type { DisputeFigures, Period } from './kpi-ledger.ts';
export { type CurrencyKpis, type KpiQuery, type Kpis, kpis, kpisByGroup } from './kpis.ts';
export { type Series, type SeriesPoint, type SeriesQuery, snapshotSeries } from './snapshot-series.ts';
export { takeDueSnapshots } from './snapshot-task.ts';
export { SNAPSHOT_GROUPS, type SnapshotGroup, takeSnapshot } from './take-snapshot.ts';
