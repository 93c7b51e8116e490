import { describe, expect, it } from 'vitest';
import { ageingBuckets, bucketThresholds } from './ageing-buckets.ts';

describe('ageing buckets', () => {
  it('make not due, 1–30, 31–60, 61–90 and 91+ from the default edges', () => {
    expect(ageingBuckets([30, 60, 90]).map((b) => [b.key, b.fromDays, b.toDays])).toEqual([
      ['not_due', null, 0],
      ['1-30', 1, 30],
      ['31-60', 31, 60],
      ['61-90', 61, 90],
      ['91+', 91, null],
    ]);
    expect(bucketThresholds([30, 60, 90])).toEqual([1, 31, 61, 91]);
  });

  it('refuse edges out of order, below one day or too many, naming the edge', () => {
    expect(() => ageingBuckets([30, 30])).toThrow(/edges\[1\]/);
    expect(() => ageingBuckets([0, 30])).toThrow(/edges\[0\]/);
    expect(() => ageingBuckets([])).toThrow(/edges/);
    expect(() => ageingBuckets([1.5])).toThrow(/edges\[0\]/);
    expect(() => ageingBuckets(Array.from({ length: 11 }, (_, i) => i + 1))).toThrow(/1 to 10/);
  });
});
