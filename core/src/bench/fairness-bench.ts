import { performance } from 'node:perf_hooks';
import { createPluginPool, createTestHost, type PluginPool, type PoolCall } from '../plugin-host/index.ts';
import { type BenchRow, compared } from './bench-rows.ts';
import { type Percentiles, percentiles } from './latency-samples.ts';

export interface FairnessBenchOptions {
  log: (line: string) => void;
}

const NEIGHBOUR_CALLS = 400;
const FLOOD_STREAMS = 40;
const PHASE_DEADLINE_MS = 8_000;

// biome-ignore lint/suspicious/noExplicitAny: plugin code is untyped JavaScript, run inside the isolate
type Ctx = any;
// A flooding call: 20 ms of CPU around a host call, well inside the default limits, like a busy plugin.
const work = async (_payload: unknown, ctx: Ctx) => {
  const spin = () => {
    const until = Date.now() + 10;
    while (Date.now() < until) {}
  };
  spin();
  await ctx.storage.get('x');
  spin();
  return 'done';
};
// The neighbour's call: one host call, as small as a real hook gets.
const small = async (_payload: unknown, ctx: Ctx) => ctx.storage.get('x');
const code = `globalThis.__kredo = { hooks: { work: ${work.toString()}, small: ${small.toString()} } };`;

/**
 * Fair scheduling in the plugin-host pool, at its default settings: tenant B's small calls, one at a
 * time, while tenant A's plugin is called from forty parallel streams, against B's calls with the
 * pool to itself. The goal is on the ratio of the p99s; B's calls must all succeed either way.
 */
export async function benchFairness({ log }: FairnessBenchOptions): Promise<BenchRow[]> {
  const pool = createPluginPool();
  const host = createTestHost().host;
  const flooder: Omit<PoolCall, 'hook' | 'payload'> = {
    tenantId: 'tenant-a',
    installationId: 'ins_flood',
    revision: '1',
    code,
    host,
  };
  const neighbour = { ...flooder, tenantId: 'tenant-b', installationId: 'ins_small' };
  try {
    log(
      `Plugin pool fairness: ${NEIGHBOUR_CALLS} neighbour calls alone, then under a ${FLOOD_STREAMS}-stream flood …`,
    );
    await callOk(pool, { ...neighbour, hook: 'small', payload: null });
    await callOk(pool, { ...flooder, hook: 'work', payload: null });
    const alone = await timeNeighbour(pool, neighbour);
    let flooding = true;
    let floodCalls = 0;
    const stream = async () => {
      while (flooding) {
        await pool.call({ ...flooder, hook: 'work', payload: null });
        floodCalls++;
      }
    };
    const streams = Array.from({ length: FLOOD_STREAMS }, stream);
    const flooded = await timeNeighbour(pool, neighbour);
    flooding = false;
    await Promise.all(streams);
    log(`  the flood made ${floodCalls.toLocaleString('en')} calls meanwhile`);
    const name = 'plugin neighbour call under a 40-stream flood';
    return [
      compared(`${name} p50`, 'ms', flooded.p50, alone.p50),
      compared(`${name} p99`, 'ms', flooded.p99, alone.p99, { atMost: 25, of: 'alone' }),
    ];
  } finally {
    await pool.close();
  }
}

/** Percentiles in ms of the neighbour's calls, one at a time; every one must succeed. */
async function timeNeighbour(
  pool: PluginPool,
  neighbour: Omit<PoolCall, 'hook' | 'payload'>,
): Promise<Percentiles> {
  const samples = new Float64Array(NEIGHBOUR_CALLS);
  const deadline = performance.now() + PHASE_DEADLINE_MS;
  let count = 0;
  while (count < NEIGHBOUR_CALLS && performance.now() < deadline) {
    const start = performance.now();
    await callOk(pool, { ...neighbour, hook: 'small', payload: null });
    samples[count++] = performance.now() - start;
  }
  return percentiles(samples.subarray(0, count));
}

async function callOk(pool: PluginPool, call: PoolCall): Promise<void> {
  const result = await pool.call(call);
  if (!result.ok)
    throw new Error(`bench call ${call.hook} failed: ${result.error.code}: ${result.error.message}`);
}
