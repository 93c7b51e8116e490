/**
 * Token buckets in memory, one per key (an installation): `perMinute` requests a minute, in bursts of
 * up to a minute's worth. Per process: with several API processes each one allows the rate.
 */
export class WebhookRateLimit {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private lastSweep = 0;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
    /** Above this many buckets, full ones (the same as none) are dropped, at most once a second. */
    private readonly sweepAbove = 10_000,
  ) {}

  /** Takes a token for `key`: 0 when the request may go on, else the whole seconds until it may. */
  take(key: string): number {
    const now = this.now();
    const tokens = this.tokensAt(key, now);
    if (tokens < 1) {
      const waitMs = Math.round(((1 - tokens) * 60_000) / this.perMinute);
      return Math.max(1, Math.ceil(waitMs / 1000));
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    if (this.buckets.size > this.sweepAbove && now - this.lastSweep >= 1000) this.sweep(now);
    return 0;
  }

  private tokensAt(key: string, now: number): number {
    const bucket = this.buckets.get(key);
    if (bucket === undefined) return this.perMinute;
    return Math.min(this.perMinute, bucket.tokens + ((now - bucket.at) * this.perMinute) / 60_000);
  }

  /** Drops refilled buckets only: a drained one is never forgotten, so flooding other keys cannot reset it. */
  private sweep(now: number): void {
    this.lastSweep = now;
    for (const key of [...this.buckets.keys()]) {
      if (this.tokensAt(key, now) >= this.perMinute) this.buckets.delete(key);
    }
  }
}
