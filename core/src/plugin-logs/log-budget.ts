/** What `take` decided for one line. */
export type LogBudgetDecision =
  /** Store the line; `dropped` lines went over the limit since the last report: store their marker first. */
  | { store: true; dropped: number }
  /** Drop the line; `first` when it opens a run of drops (time to schedule the marker, `inMs` from now). */
  | { store: false; first: boolean; inMs: number };

interface Bucket {
  tokens: number;
  at: number;
  dropped: number;
}

/**
 * Token buckets in memory, one per installation: `perMinute` lines a minute, in bursts of up to a
 * minute's worth, and a count of the lines dropped over it until they are reported. Per process:
 * with several runtime processes each one allows the rate.
 */
export class LogBudget {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep = 0;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
    /** Above this many buckets, full ones with nothing to report are dropped, at most once a second. */
    private readonly sweepAbove = 10_000,
  ) {}

  take(key: string): LogBudgetDecision {
    const now = this.now();
    const bucket = this.bucketAt(key, now);
    if (bucket.tokens < 1) {
      bucket.dropped++;
      this.buckets.set(key, bucket);
      return { store: false, first: bucket.dropped === 1, inMs: this.msUntilToken(bucket) };
    }
    const dropped = bucket.dropped;
    this.buckets.set(key, { tokens: bucket.tokens - 1, at: now, dropped: 0 });
    if (this.buckets.size > this.sweepAbove && now - this.lastSweep >= 1000) this.sweep(now);
    return { store: true, dropped };
  }

  /** The lines dropped since the last report, now reported (the marker is written when the window ends). */
  takeDropped(key: string): number {
    const bucket = this.buckets.get(key);
    if (bucket === undefined) return 0;
    const dropped = bucket.dropped;
    bucket.dropped = 0;
    return dropped;
  }

  private bucketAt(key: string, now: number): Bucket {
    const bucket = this.buckets.get(key);
    if (bucket === undefined) return { tokens: this.perMinute, at: now, dropped: 0 };
    const tokens = Math.min(this.perMinute, bucket.tokens + ((now - bucket.at) * this.perMinute) / 60_000);
    return { tokens, at: now, dropped: bucket.dropped };
  }

  private msUntilToken(bucket: Bucket): number {
    return Math.max(1, Math.ceil(((1 - bucket.tokens) * 60_000) / this.perMinute));
  }

  /** Drops refilled buckets with no drops to report: a drained one is never forgotten. */
  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [key, bucket] of [...this.buckets]) {
      if (bucket.dropped === 0 && this.bucketAt(key, now).tokens >= this.perMinute) this.buckets.delete(key);
    }
  }
}
