// Latency percentiles and fixed ceilings for the rows of timing benchmarks. Pure, so unit-tested.

import type { BenchRow } from './bench-rows.ts';

export interface Percentiles {
  p50: number;
  p99: number;
}

/**
 * The nearest-rank percentile `p` (0 < p ≤ 100) of `samples`: the smallest sample that at least
 * p % of the samples do not exceed. Sorts a copy; throws on an empty list, which is a broken run.
 */
export function percentile(samples: ArrayLike<number>, p: number): number {
  return percentileOfSorted(sortedCopy(samples), p);
}

/** p50 and p99 of `samples`, sorting them once. */
export function percentiles(samples: ArrayLike<number>): Percentiles {
  const sorted = sortedCopy(samples);
  return { p50: percentileOfSorted(sorted, 50), p99: percentileOfSorted(sorted, 99) };
}

/**
 * `row` held to a fixed ceiling on its value rather than on its ratio: `goal` is how the ceiling
 * reads ("≤ 1 ms"), `atMost` the same ceiling in the row's unit. Judged on the value as shown.
 */
export function withCeiling(row: BenchRow, atMost: number, goal: string): BenchRow {
  return { ...row, goal, met: row.value <= atMost };
}

function sortedCopy(samples: ArrayLike<number>): Float64Array {
  return Float64Array.from(samples).sort();
}

function percentileOfSorted(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) throw new RangeError('no samples to take a percentile of');
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be above 0 and at most 100, got ${p}`);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1] as number;
}
