import { bundleOf, createTestHost } from '@kredo/sdk/sandbox';
import { afterAll, describe, expect, it } from 'vitest';
import { until } from '../shared/until.ts';
import { createPluginPool } from './plugin-pool.ts';
import type { PoolCallResult } from './worker-process.ts';

// biome-ignore lint/suspicious/noExplicitAny: plugin code is untyped JavaScript
type Ctx = any;

const code = bundleOf({
  // Legal work: well under the CPU limit, with a host call in the middle like a real plugin.
  work: async (payload: { ms: number }, ctx: Ctx) => {
    const spin = () => {
      const until = Date.now() + payload.ms / 2;
      while (Date.now() < until) {}
    };
    spin();
    await ctx.storage.get('x');
    spin();
    return 'done';
  },
});

const flooder = { tenantId: 'tenant-a', installationId: 'ins_flood', revision: '1' };
const neighbour = { tenantId: 'tenant-b', installationId: 'ins_small', revision: '1' };
const host = createTestHost().host;

describe('fair scheduling between tenants', () => {
  // One worker: the flood and the neighbour cannot be kept apart by luck.
  const pool = createPluginPool({
    size: 1,
    // A CPU limit well above the work, so a busy test machine does not turn legal calls into breaches.
    limits: { cpuMsPerCall: 500, wallClockMsPerCall: 1000 },
    queueTimeoutMs: 3000,
  });
  afterAll(() => pool.close());

  it("a tenant's forty parallel streams neither time out nor starve another tenant's calls", async () => {
    await pool.call({ ...neighbour, code, hook: 'work', payload: { ms: 0 }, host });
    let flooding = true;
    const stream = async () => {
      const results: PoolCallResult[] = [];
      while (flooding)
        results.push(await pool.call({ ...flooder, code, hook: 'work', payload: { ms: 20 }, host }));
      return results;
    };
    const streams = Array.from({ length: 40 }, stream);
    const neighbourResults: PoolCallResult[] = [];
    for (let n = 0; n < 10; n++) {
      neighbourResults.push(await pool.call({ ...neighbour, code, hook: 'work', payload: { ms: 2 }, host }));
    }
    flooding = false;
    const floodResults = (await Promise.all(streams)).flat();

    expect(neighbourResults).toEqual(Array.from({ length: 10 }, () => ({ ok: true, value: 'done' })));
    // The flood waited behind itself: answered, or told to come back later; never charged a breach.
    const codes = new Set(floodResults.map((result) => (result.ok ? 'ok' : result.error.code)));
    expect([...codes].filter((code) => code !== 'ok' && code !== 'overloaded')).toEqual([]);
    expect(floodResults.length).toBeGreaterThan(40);
  });

  it('answers overloaded, retryable, when a tenant has more calls waiting than it may', async () => {
    const small = createPluginPool({ size: 1, maxQueuedPerTenant: 5, slotsPerWorker: 1 });
    try {
      const calls = Array.from({ length: 12 }, () =>
        small.call({ ...flooder, code, hook: 'work', payload: { ms: 20 }, host }),
      );
      const results = await Promise.all(calls);
      const overloaded = results.filter((result) => !result.ok && result.error.code === 'overloaded');
      expect(overloaded.length).toBeGreaterThanOrEqual(6);
      expect(overloaded[0]).toMatchObject({ ok: false, error: { retryable: true } });
      // Another tenant is not turned away by the first one's queue.
      expect(await small.call({ ...neighbour, code, hook: 'work', payload: { ms: 0 }, host })).toEqual({
        ok: true,
        value: 'done',
      });
    } finally {
      await small.close();
    }
  });

  it('answers overloaded when a call waited its queue time out, without running it', async () => {
    const busy = createPluginPool({
      size: 1,
      slotsPerWorker: 1,
      queueTimeoutMs: 200,
      limits: { cpuMsPerCall: 2000, wallClockMsPerCall: 5000 },
    });
    try {
      await until(() => busy.stats()[0]?.ready);
      const long = busy.call({ ...flooder, code, hook: 'work', payload: { ms: 1000 }, host });
      const counting = createTestHost();
      const waiting = await busy.call({
        ...neighbour,
        code,
        hook: 'work',
        payload: { ms: 0 },
        host: counting.host,
      });
      expect(waiting).toMatchObject({ ok: false, error: { code: 'overloaded', retryable: true } });
      expect(counting.storage.size + counting.logs.length).toBe(0);
      expect(await long).toEqual({ ok: true, value: 'done' });
    } finally {
      await busy.close();
    }
  });
});
