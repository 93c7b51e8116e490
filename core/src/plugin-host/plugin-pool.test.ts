import type { SandboxHost } from '@kredo/sdk/sandbox';
import { bundleOf, createTestHost } from '@kredo/sdk/sandbox';
import { afterAll, describe, expect, it } from 'vitest';
import { createPluginPool } from './plugin-pool.ts';
import { pluginSandboxKey } from './pool-options.ts';
import { workerExecArgv } from './worker-process.ts';

// Hook bodies are serialised with toString() and run inside the isolate, in a worker process.
// biome-ignore lint/suspicious/noExplicitAny: plugin code is untyped JavaScript
type Ctx = any;

const counter = bundleOf({
  bump: async (payload: { by: number }, ctx: Ctx) => {
    const seen = (await ctx.storage.get('count')) ?? 0;
    await ctx.storage.set('count', seen + payload.by);
    await ctx.log('info', `bumped to ${seen + payload.by}`);
    return { count: await ctx.storage.get('count') };
  },
  double: (payload: { n: number }) => payload.n * 2,
});

const hostile = bundleOf({
  bomb: () => {
    const m = new Map();
    for (let i = 0; ; i++) m.set(i, { i, s: 'x'.repeat(64) });
  },
  loop: () => {
    for (;;) {}
  },
  double: (payload: { n: number }) => payload.n * 2,
});

const alice = pluginSandboxKey('tenant-a', 'counter', '1.0.0');
const bob = pluginSandboxKey('tenant-b', 'counter', '1.0.0');
const evil = pluginSandboxKey('tenant-a', 'hostile', '6.6.6');

const hosts = new Map<string, ReturnType<typeof createTestHost>>();
function hostFor(key: string): SandboxHost {
  const test = hosts.get(key) ?? createTestHost();
  hosts.set(key, test);
  return test.host;
}

const pool = createPluginPool({
  size: 2,
  limits: { memoryMb: 24, cpuMsPerCall: 1500, wallClockMsPerCall: 4000 },
  host: hostFor,
});
afterAll(() => pool.close());

describe('plugin pool', () => {
  it('runs a hook in a worker and relays its host calls to the parent, bound to its key', async () => {
    expect(await pool.call(alice, counter, 'bump', { by: 2 })).toEqual({ ok: true, value: { count: 2 } });
    expect(await pool.call(alice, counter, 'bump', { by: 3 })).toEqual({ ok: true, value: { count: 5 } });
    expect(await pool.call(bob, counter, 'bump', { by: 1 })).toEqual({ ok: true, value: { count: 1 } });
    expect(hosts.get(alice)?.storage.get('count')).toBe(5);
    expect(hosts.get(alice)?.logs.at(-1)).toEqual({ level: 'info', message: 'bumped to 5' });
    expect(hosts.get(bob)?.storage.get('count')).toBe(1);
  });

  it('answers bad calls as data', async () => {
    expect(await pool.call(alice, counter, 'nope', {})).toMatchObject({
      ok: false,
      error: { code: 'hook_not_found' },
    });
    const broken = pluginSandboxKey('tenant-a', 'broken', '1.0.0');
    expect(await pool.call(broken, 'this is not javascript', 'x', {})).toMatchObject({
      ok: false,
      error: { code: 'load_failed' },
    });
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(await pool.call(alice, counter, 'double', circular)).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
  });

  it('survives a memory bomb that takes its worker down; the next calls succeed', async () => {
    const bombed = await pool.call(evil, hostile, 'bomb', {});
    expect(bombed).toMatchObject({ ok: false });
    expect(['worker_crashed', 'memory_limit']).toContain(bombed.ok ? undefined : bombed.error.code);
    if (!bombed.ok && bombed.error.code === 'worker_crashed') expect(bombed.error.retryable).toBe(true);
    expect(await pool.call(evil, hostile, 'double', { n: 21 })).toEqual({ ok: true, value: 42 });
    expect(await pool.call(alice, counter, 'double', { n: 4 })).toEqual({ ok: true, value: 8 });
    expect(pool.stats()).toHaveLength(2);
  });

  it('keeps serving other plugins on the other worker while one spins', async () => {
    const spinning = pool.call(evil, hostile, 'loop', {});
    const started = Date.now();
    for (let n = 0; n < 5; n++) {
      expect(await pool.call(bob, counter, 'double', { n })).toEqual({ ok: true, value: 2 * n });
    }
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await spinning).toMatchObject({ ok: false, error: { code: 'cpu_limit' } });
  });
});

describe('plugin pool backstop and shutdown', () => {
  it('answers timeout when a worker misses the deadline, and replaces it', async () => {
    const stuck = createPluginPool({
      size: 1,
      limits: { wallClockMsPerCall: 10_000 },
      callDeadlineMs: 1500,
      host: () => createTestHost({ storageGet: () => new Promise(() => {}) }).host,
    });
    const key = pluginSandboxKey('tenant-a', 'waits', '1.0.0');
    const waits = bundleOf({
      wait: async (_payload: unknown, ctx: Ctx) => ctx.storage.get('never'),
      double: (payload: { n: number }) => payload.n * 2,
    });
    try {
      expect(await stuck.call(key, waits, 'double', { n: 1 })).toEqual({ ok: true, value: 2 });
      const [before] = stuck.stats();
      expect(await stuck.call(key, waits, 'wait', {})).toMatchObject({
        ok: false,
        error: { code: 'timeout' },
      });
      expect(await stuck.call(key, waits, 'double', { n: 2 })).toEqual({ ok: true, value: 4 });
      expect(stuck.stats()[0]?.pid).not.toBe(before?.pid);
    } finally {
      await stuck.close();
    }
  });

  it('evicts idle sandboxes and loads them again on the next call', async () => {
    const idle = createPluginPool({ size: 1, idleMs: 100, host: hostFor });
    try {
      expect(await idle.call(alice, counter, 'double', { n: 1 })).toEqual({ ok: true, value: 2 });
      expect(idle.stats()[0]?.sandboxes).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(idle.stats()[0]?.sandboxes).toBe(0);
      expect(await idle.call(alice, counter, 'double', { n: 2 })).toEqual({ ok: true, value: 4 });
    } finally {
      await idle.close();
    }
  });

  it('close() ends every worker; later calls answer disposed', async () => {
    const closing = createPluginPool({ size: 2, host: hostFor });
    expect(await closing.call(alice, counter, 'double', { n: 1 })).toEqual({ ok: true, value: 2 });
    const pids = closing.stats().map((worker) => worker.pid);
    expect(pids.every((pid) => typeof pid === 'number')).toBe(true);
    await closing.close();
    for (const pid of pids) expect(() => process.kill(pid as number, 0)).toThrow(/ESRCH/);
    expect(await closing.call(alice, counter, 'double', { n: 1 })).toMatchObject({
      ok: false,
      error: { code: 'disposed' },
    });
  });

  it('starts workers with isolated-vm flags and the tsx loader exactly once', () => {
    expect(workerExecArgv(['--inspect=9229'])).toEqual([
      '--no-node-snapshot',
      '--import',
      expect.stringMatching(/^file:.*tsx/),
    ]);
    expect(workerExecArgv(['--no-node-snapshot', '--import', 'tsx'])).toEqual([
      '--no-node-snapshot',
      '--import',
      'tsx',
    ]);
  });
});
