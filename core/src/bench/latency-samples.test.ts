import { describe, expect, it } from 'vitest';
import { compared, measured } from './bench-rows.ts';
import { percentile, percentiles, withCeiling } from './latency-samples.ts';

describe('percentile', () => {
  it('takes the nearest rank of unsorted samples', () => {
    const samples = [5, 1, 4, 2, 3];
    expect(percentile(samples, 50)).toBe(3);
    expect(percentile(samples, 20)).toBe(1);
    expect(percentile(samples, 21)).toBe(2);
    expect(percentile(samples, 100)).toBe(5);
  });

  it('puts p99 of a hundred samples on the 99th, not the slowest', () => {
    const samples = Array.from({ length: 100 }, (_, index) => 100 - index);
    expect(percentiles(samples)).toEqual({ p50: 50, p99: 99 });
  });

  it('sorts numerically, not as text', () => {
    expect(percentile([10, 9, 100, 2], 50)).toBe(9);
  });

  it('leaves the samples as they were', () => {
    const samples = new Float64Array([3, 1, 2]);
    percentiles(samples);
    expect([...samples]).toEqual([3, 1, 2]);
  });

  it('refuses an empty list and a percentile out of range', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 0)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });
});

describe('withCeiling', () => {
  it('judges the value, not the ratio, and keeps the baseline', () => {
    const row = withCeiling(compared('hook p50', 'µs', 42, 0.2), 50, '≤ 50 µs');
    expect(row).toMatchObject({ value: 42, baseline: 0.2, ratio: 210, goal: '≤ 50 µs', met: true });
  });

  it('includes the ceiling itself and fails above it', () => {
    expect(withCeiling(measured('cold start', 'ms', 5), 5, '≤ 5 ms').met).toBe(true);
    expect(withCeiling(measured('cold start', 'ms', 5.01), 5, '≤ 5 ms').met).toBe(false);
  });
});
