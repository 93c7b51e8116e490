import { bundleOf, createTestHost } from '@kredo/sdk/sandbox';
import { describe, expect, it } from 'vitest';
import { until } from '../shared/until.ts';
import { createPluginPool, type PluginPool, type PoolCall } from './plugin-pool.ts';
import type { PluginPoolOptions } from './pool-options.ts';
import { exitOutcome } from './worker-process.ts';

// biome-ignore lint/suspicious/noExplicitAny: plugin code is untyped JavaScript
type Ctx = any;

const code = bundleOf({
  // One builtin call V8 runs to its end in C++: some hundreds of ms, whatever the CPU limit says.
  split: () => 'a,'.repeat(1 << 23).split(',').length,
  // 320 MB touched in one native fill: counted by a large isolate, but past the process's ceiling.
  fill: () => new Float64Array(40_000_000).fill(1.5).length,
  keep: (payload: { mb: number }) => {
    (globalThis as Ctx).kept = new Float64Array((payload.mb * 1048576) / 8).fill(2);
    return 'kept';
  },
  wait: async (_payload: unknown, ctx: Ctx) => ctx.storage.get('slow'),
  ok: () => 'fine',
});

const slowHost = createTestHost({
  storageGet: () => new Promise((resolve) => setTimeout(resolve, 5000, 'late')),
}).host;
const host = createTestHost().host;
const installation = (id: string) => ({ tenantId: 'tenant-a', installationId: id, revision: '1' });
const call = (id: string, hook: string, extra: Partial<PoolCall> = {}): PoolCall => ({
  ...installation(id),
  code,
  hook,
  payload: {},
  host,
  ...extra,
});

async function withPool(options: PluginPoolOptions, test: (pool: PluginPool) => Promise<void>) {
  const pool = createPluginPool({ size: 1, ...options });
  try {
    await until(() => pool.stats()[0]?.ready);
    await test(pool);
  } finally {
    await pool.close();
  }
}

describe('the watchdog in each plugin-host process', () => {
  it('cuts work the CPU limit cannot interrupt, with its process; only the culprit is charged', async () => {
    await withPool(
      // The watchdog ends a slice at its wall budget (20 + 60 ms) plus the grace: well below the split's
      // few hundred ms on a fast machine too, so the ordinary CPU check never sees it return first.
      { limits: { memoryMb: 256, cpuMsPerCall: 20, wallClockMsPerCall: 10_000 }, overrunGraceMs: 50 },
      async (pool) => {
        const [pid] = pool.stats().map((worker) => worker.pid);
        const neighbour = pool.call(call('ins_neighbour', 'wait', { host: slowHost }));
        const culprit = await pool.call(call('ins_splitter', 'split'));
        expect(culprit).toEqual({
          ok: false,
          error: {
            code: 'cpu_limit',
            message:
              'the plugin ran past its CPU limit in work that could not be interrupted; its process was replaced',
            retryable: false,
          },
        });
        expect(await neighbour).toMatchObject({ ok: false, error: { code: 'worker_lost', retryable: true } });
        expect(await pool.call(call('ins_neighbour', 'ok'))).toEqual({ ok: true, value: 'fine' });
        expect(pool.stats()[0]?.pid).not.toBe(pid);
      },
    );
  });

  it('ends the process when one slice takes it past its memory ceiling, and charges that call', async () => {
    await withPool(
      { limits: { memoryMb: 1024, cpuMsPerCall: 20_000, wallClockMsPerCall: 30_000 }, workerMaxRssMb: 256 },
      async (pool) => {
        const result = await pool.call(call('ins_filler', 'fill'));
        expect(result).toMatchObject({ ok: false, error: { code: 'memory_limit', retryable: false } });
        expect(result.ok ? '' : result.error.message).toMatch(/memory ceiling \(\d+ MiB\)/);
        expect(await pool.call(call('ins_other', 'ok'))).toEqual({ ok: true, value: 'fine' });
      },
    );
  });

  it('under memory pressure disposes idle sandboxes and keeps the process', async () => {
    await withPool(
      { limits: { memoryMb: 256, cpuMsPerCall: 5000, wallClockMsPerCall: 10_000 }, workerMaxRssMb: 512 },
      async (pool) => {
        const [pid] = pool.stats().map((worker) => worker.pid);
        for (const id of ['ins_1', 'ins_2', 'ins_3', 'ins_4']) {
          expect(await pool.call(call(id, 'keep', { payload: { mb: 80 } }))).toEqual({
            ok: true,
            value: 'kept',
          });
        }
        // Four idle sandboxes holding 80 MB each pass three quarters of 512 MiB: they go, the process stays.
        await until(() => pool.stats()[0]?.sandboxes === 0);
        expect(pool.stats()[0]?.pid).toBe(pid);
        expect(await pool.call(call('ins_1', 'ok'))).toEqual({ ok: true, value: 'fine' });
      },
    );
  });
});

describe('who pays when a plugin-host process goes away', () => {
  const calls = new Map([
    [1, { key: 'ins_a:1' }],
    [2, { key: 'ins_b:1' }],
  ]);

  it('charges the call the watchdog names, and nobody else', () => {
    const answer = exitOutcome({ callId: 2, reason: 'memory', rssMb: 1100 }, calls);
    expect(answer(2)).toMatchObject({ ok: false, error: { code: 'memory_limit' } });
    expect(answer(1)).toMatchObject({ ok: false, error: { code: 'worker_lost', retryable: true } });
  });

  it('charges nobody when the watchdog named no call in flight', () => {
    const answer = exitOutcome({ callId: 0, reason: 'memory', rssMb: 1100 }, calls);
    expect([answer(1), answer(2)].map((result) => !result.ok && result.error.code)).toEqual([
      'worker_lost',
      'worker_lost',
    ]);
  });

  it('without a report, charges a crash only when one sandbox was in flight', () => {
    expect(exitOutcome(undefined, calls)(1)).toMatchObject({ error: { code: 'worker_lost' } });
    expect(exitOutcome(undefined, new Map([[1, { key: 'ins_a:1' }]]))(1)).toMatchObject({
      error: { code: 'worker_crashed' },
    });
  });
});
