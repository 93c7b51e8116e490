export { type Ageing, type AgeingQuery, ageing, type CurrencyAgeing, type Tally } from './ageing.ts';
export { type AgeingBucket, ageingBuckets, DEFAULT_AGEING_EDGES } from './ageing-buckets.ts';
export { insightModule } from './insight-module.ts';
export type { InsightScope } from './insight-scope.ts';
