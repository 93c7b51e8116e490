import { performance } from 'node:perf_hooks';
import { createSandbox, type PluginSandbox, type SandboxHost } from '../plugin-host/index.ts';
import { type BenchRow, compared, measured } from './bench-rows.ts';
import { type Percentiles, percentiles, withCeiling } from './latency-samples.ts';

export interface PluginBenchOptions {
  log: (line: string) => void;
}

// Enough calls for a stable p99 (200 samples above it); the deadlines keep a slow machine under 30 s.
const WARM_UP_CALLS = 1_000;
const MEASURED_CALLS = 20_000;
const COLD_STARTS = 200;
const PHASE_DEADLINE_MS = 8_000;

// The same trivial synchronous hook runs in the isolate and, as the baseline, in this process.
const add = (payload: { n: number }) => ({ n: payload.n + 1 });
// biome-ignore lint/suspicious/noExplicitAny: plugin code is untyped JavaScript, run inside the isolate
const readOne = async (_payload: unknown, ctx: any) => ctx.storage.get('counter');
const bundle = `globalThis.__kredo = { hooks: { add: ${add.toString()}, readOne: ${readOne.toString()} } };`;

/**
 * The in-process plugin sandbox: a warm hook call against the same function called in this process,
 * an isolate's cold start (load the bundle, first call answered) and a hook that makes one host call.
 * Every call must succeed, or the run would be timing failures; every sandbox is disposed.
 */
export async function benchPlugins({ log }: PluginBenchOptions): Promise<BenchRow[]> {
  const host = memoryHost();
  const sandbox = load(host);
  try {
    log(
      `Plugin hook: ${WARM_UP_CALLS.toLocaleString('en')} warm-up calls, then up to ${MEASURED_CALLS.toLocaleString('en')} measured …`,
    );
    const inProcess = await timeCalls(async () => add({ n: 1 }));
    const warm = await timeCalls(() => callOk(sandbox, 'add', { n: 1 }));
    log(`Plugin hook with ctx.storage.get: the same …`);
    const storage = await timeCalls(() => callOk(sandbox, 'readOne', null));
    log(`Isolate cold start: up to ${COLD_STARTS} sandboxes …`);
    const cold = await timeColdStarts(host);

    const hook = 'plugin hook call (warm, sync)';
    const withGet = 'plugin hook with one ctx.storage.get';
    const coldStart = 'plugin isolate cold start';
    return [
      withCeiling(compared(`${hook} p50`, 'µs', warm.p50, inProcess.p50), 50, '≤ 50 µs'),
      withCeiling(compared(`${hook} p99`, 'µs', warm.p99, inProcess.p99), 1000, '≤ 1 ms'),
      withCeiling(measured(`${coldStart} p50`, 'ms', cold.p50), 5, '≤ 5 ms'),
      measured(`${coldStart} p99`, 'ms', cold.p99),
      measured(`${withGet} p50`, 'µs', storage.p50),
      measured(`${withGet} p99`, 'µs', storage.p99),
    ];
  } finally {
    sandbox.dispose();
  }
}

/** Percentiles in µs of `call`, awaited one at a time after a warm-up. */
async function timeCalls(call: () => Promise<unknown>): Promise<Percentiles> {
  for (let index = 0; index < WARM_UP_CALLS; index++) await call();
  const samples = new Float64Array(MEASURED_CALLS);
  const deadline = performance.now() + PHASE_DEADLINE_MS;
  let count = 0;
  while (count < MEASURED_CALLS && performance.now() < deadline) {
    const start = performance.now();
    await call();
    samples[count++] = (performance.now() - start) * 1000;
  }
  return percentiles(samples.subarray(0, count));
}

/** Percentiles in ms from `createSandbox` until the first call has answered. */
async function timeColdStarts(host: SandboxHost): Promise<Percentiles> {
  const samples = new Float64Array(COLD_STARTS);
  const deadline = performance.now() + PHASE_DEADLINE_MS;
  let count = 0;
  while (count < COLD_STARTS && performance.now() < deadline) {
    const start = performance.now();
    const sandbox = load(host);
    try {
      await callOk(sandbox, 'add', { n: 1 });
      samples[count++] = performance.now() - start;
    } finally {
      sandbox.dispose();
    }
  }
  return percentiles(samples.subarray(0, count));
}

function load(host: SandboxHost): PluginSandbox {
  const loaded = createSandbox({ code: bundle, host, filename: 'bench-plugin.js' });
  if (!loaded.ok) throw new Error(`the bench plugin did not load: ${loaded.error.message}`);
  return loaded.value;
}

async function callOk(sandbox: PluginSandbox, hook: string, payload: unknown): Promise<unknown> {
  const result = await sandbox.call(hook, payload);
  if (!result.ok) throw new Error(`bench hook ${hook} failed: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** A host answering from memory, so the host call row measures the bridge, not a database. */
function memoryHost(): SandboxHost {
  const storage = new Map<string, unknown>([['counter', 41]]);
  return {
    log: async () => {},
    storageGet: async (key) => storage.get(key) ?? null,
    storageSet: async (key, value) => {
      storage.set(key, value);
    },
    storageList: async () => [...storage.keys()],
    fetch: async () => {
      throw new Error('the bench plugin makes no HTTP requests');
    },
    coreRead: async () => {
      throw new Error('the bench plugin reads no core records');
    },
  };
}
