import { invalid } from '../shared/errors.ts';

/** The classic edges: not due, 1–30, 31–60, 61–90 and over 90 days past due. */
export const DEFAULT_AGEING_EDGES: readonly number[] = [30, 60, 90];

/** One ageing bucket: documents `fromDays` to `toDays` days past due (inclusive; null: unbounded). */
export interface AgeingBucket {
  /** `not_due`, `1-30`, …, `91+`. */
  key: string;
  fromDays: number | null;
  toDays: number | null;
}

/**
 * The buckets that `edges` (the last day of each overdue bucket but the open-ended one, ascending)
 * make: not due (0 days or fewer past due), then 1 to the first edge, and so on, and over the last.
 */
export function ageingBuckets(edges: readonly number[], field = 'edges'): AgeingBucket[] {
  checkEdges(edges, field);
  const buckets: AgeingBucket[] = [{ key: 'not_due', fromDays: null, toDays: 0 }];
  let from = 1;
  for (const edge of edges) {
    buckets.push({ key: `${from}-${edge}`, fromDays: from, toDays: edge });
    from = edge + 1;
  }
  buckets.push({ key: `${from}+`, fromDays: from, toDays: null });
  return buckets;
}

/** Edges are 1 to 10 whole days, each above the one before, the first at least 1 (400 naming `field`). */
export function checkEdges(edges: readonly number[], field = 'edges'): void {
  if (edges.length < 1 || edges.length > 10) throw invalid(field, 'give 1 to 10 bucket edges');
  edges.forEach((edge, i) => {
    if (!Number.isInteger(edge) || edge < 1 || edge > 3650) {
      throw invalid(`${field}[${i}]`, 'must be a whole number of days from 1 to 3650');
    }
    if (i > 0 && edge <= (edges[i - 1] as number)) {
      throw invalid(`${field}[${i}]`, 'must be above the edge before it');
    }
  });
}

/**
 * The SQL `width_bucket` thresholds for `edges`: the first day of each overdue bucket. A document
 * `d` days past due falls in bucket `width_bucket(d, thresholds)`: 0 is not due, 1 the first overdue.
 */
export function bucketThresholds(edges: readonly number[]): number[] {
  return [1, ...edges.map((edge) => edge + 1)];
}
