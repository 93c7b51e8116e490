import { describe, expect, it } from 'vitest';
import { WebhookRateLimit } from './webhook-rate-limit.ts';

describe('webhook rate limit', () => {
  it('allows a burst of a minute’s worth per key, then refills at the rate', () => {
    let now = 0;
    const limit = new WebhookRateLimit(60, () => now);
    for (let n = 0; n < 60; n++) expect(limit.take('ins_a')).toBe(0);
    expect(limit.take('ins_a')).toBe(1);
    expect(limit.take('ins_b')).toBe(0);
    now += 500;
    expect(limit.take('ins_a')).toBe(1);
    now += 500;
    expect(limit.take('ins_a')).toBe(0);
    expect(limit.take('ins_a')).toBe(1);
  });

  it('tells how many seconds until the next token at a slow rate', () => {
    let now = 0;
    const limit = new WebhookRateLimit(2, () => now);
    expect([limit.take('k'), limit.take('k'), limit.take('k')]).toEqual([0, 0, 30]);
    now += 20_000;
    expect(limit.take('k')).toBe(10);
  });

  it('forgets refilled buckets when there are many, never a drained one', () => {
    let now = 0;
    const limit = new WebhookRateLimit(1, () => now, 2);
    expect(limit.take('drained')).toBe(0);
    now += 30_000;
    for (let n = 0; n < 5; n++) expect(limit.take(`other-${n}`)).toBe(0);
    now += 1000;
    expect(limit.take('another')).toBe(0);
    expect(limit.take('drained')).toBe(29);
  });
});
