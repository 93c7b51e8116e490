import type { SandboxHost } from '@kredo/sdk/sandbox';
import { bundleOf, createTestHost } from '@kredo/sdk/sandbox';
import { afterAll, describe, expect, it } from 'vitest';
import { until } from '../shared/until.ts';
import { createPluginPool, type PluginPool } from './plugin-pool.ts';
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

/** An installation of a tenant, with the host its calls get. */
interface Caller {
  tenantId: string;
  installationId: string;
  revision: string;
}
const alice: Caller = { tenantId: 'tenant-a', installationId: 'ins_alice', revision: '1' };
const bob: Caller = { tenantId: 'tenant-b', installationId: 'ins_bob', revision: '1' };
const evil: Caller = { tenantId: 'tenant-a', installationId: 'ins_evil', revision: '1' };

const hosts = new Map<string, ReturnType<typeof createTestHost>>();
function hostFor(caller: Caller): SandboxHost {
  const test = hosts.get(caller.installationId) ?? createTestHost();
  hosts.set(caller.installationId, test);
  return test.host;
}

function run(
  on: PluginPool,
  caller: Caller,
  code: string,
  hook: string,
  payload: unknown,
  host = hostFor(caller),
) {
  return on.call({ ...caller, code, hook, payload, host });
}

const pool = createPluginPool({
  size: 2,
  limits: { memoryMb: 24, cpuMsPerCall: 1500, wallClockMsPerCall: 4000 },
});
afterAll(() => pool.close());

describe('plugin pool', () => {
  it('runs a hook in a worker and relays its host calls to the parent, to the host of its own call', async () => {
    expect(await run(pool, alice, counter, 'bump', { by: 2 })).toEqual({ ok: true, value: { count: 2 } });
    expect(await run(pool, alice, counter, 'bump', { by: 3 })).toEqual({ ok: true, value: { count: 5 } });
    expect(await run(pool, bob, counter, 'bump', { by: 1 })).toEqual({ ok: true, value: { count: 1 } });
    expect(hosts.get(alice.installationId)?.storage.get('count')).toBe(5);
    expect(hosts.get(alice.installationId)?.logs.at(-1)).toEqual({ level: 'info', message: 'bumped to 5' });
    expect(hosts.get(bob.installationId)?.storage.get('count')).toBe(1);
  });

  it('answers bad calls as data', async () => {
    expect(await run(pool, alice, counter, 'nope', {})).toMatchObject({
      ok: false,
      error: { code: 'hook_not_found' },
    });
    const broken: Caller = { tenantId: 'tenant-a', installationId: 'ins_broken', revision: '1' };
    expect(await run(pool, broken, 'this is not javascript', 'x', {})).toMatchObject({
      ok: false,
      error: { code: 'load_failed' },
    });
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(await run(pool, alice, counter, 'double', circular)).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
  });

  it('survives a memory bomb that takes its worker down; the next calls succeed', async () => {
    // CPU to spare, so the heap, not the clock of a busy machine, ends the bomb.
    const roomy = createPluginPool({
      size: 2,
      limits: { memoryMb: 24, cpuMsPerCall: 20_000, wallClockMsPerCall: 30_000 },
    });
    try {
      const bombed = await run(roomy, evil, hostile, 'bomb', {});
      expect(bombed).toMatchObject({ ok: false });
      expect(['worker_crashed', 'memory_limit']).toContain(bombed.ok ? undefined : bombed.error.code);
      if (!bombed.ok && bombed.error.code === 'worker_crashed') expect(bombed.error.retryable).toBe(true);
      expect(await run(roomy, evil, hostile, 'double', { n: 21 })).toEqual({ ok: true, value: 42 });
      expect(await run(roomy, alice, counter, 'double', { n: 4 })).toEqual({ ok: true, value: 8 });
      expect(roomy.stats()).toHaveLength(2);
    } finally {
      await roomy.close();
    }
  });

  it('keeps serving other plugins on the other worker while one spins', async () => {
    await until(() => pool.stats().every((worker) => worker.ready));
    const spinning = run(pool, evil, hostile, 'loop', {});
    const started = Date.now();
    for (let n = 0; n < 5; n++) {
      expect(await run(pool, bob, counter, 'double', { n })).toEqual({ ok: true, value: 2 * n });
    }
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await spinning).toMatchObject({ ok: false, error: { code: 'cpu_limit' } });
  });
});

describe('one sandbox per installation as it is now', () => {
  const remembers = bundleOf({
    remember: (payload: { value: string }) => {
      const g = globalThis as Ctx;
      const before = g.remembered ?? null;
      g.remembered = payload.value;
      return before;
    },
    tag: async (_payload: unknown, ctx: Ctx) => {
      await ctx.storage.get('wait');
      await ctx.log('info', 'mine');
    },
  });

  it('a changed installation gets a fresh sandbox: nothing of the earlier one is seen', async () => {
    const first: Caller = { tenantId: 'tenant-a', installationId: 'ins_changes', revision: '1' };
    expect(await run(pool, first, remembers, 'remember', { value: 'secret-ish' })).toEqual({
      ok: true,
      value: null,
    });
    expect(await run(pool, first, remembers, 'remember', { value: 'again' })).toEqual({
      ok: true,
      value: 'secret-ish',
    });
    const changed = { ...first, revision: '2' };
    expect(await run(pool, changed, remembers, 'remember', { value: 'new' })).toEqual({
      ok: true,
      value: null,
    });
    // Another installation of the same plugin (a reinstall) starts empty too.
    const reinstalled = { ...first, installationId: 'ins_changes_again' };
    expect(await run(pool, reinstalled, remembers, 'remember', { value: 'x' })).toEqual({
      ok: true,
      value: null,
    });
  });

  it('forget() disposes every sandbox of the installation', async () => {
    const one = createPluginPool({ size: 1 });
    try {
      const installation: Caller = { tenantId: 'tenant-a', installationId: 'ins_forgotten', revision: '1' };
      await run(one, installation, remembers, 'remember', { value: 'kept' });
      expect(one.stats()[0]?.sandboxes).toBe(1);
      one.forget(installation.installationId);
      await until(() => one.stats()[0]?.sandboxes === 0);
      expect(await run(one, installation, remembers, 'remember', { value: 'later' })).toEqual({
        ok: true,
        value: null,
      });
    } finally {
      await one.close();
    }
  });

  it('each call reaches its own host, however calls of one installation overlap', async () => {
    const installation: Caller = { tenantId: 'tenant-b', installationId: 'ins_overlap', revision: '1' };
    const slow = createTestHost({
      storageGet: () => new Promise((resolve) => setTimeout(resolve, 300, null)),
    });
    const quick = createTestHost();
    await Promise.all([
      run(pool, installation, remembers, 'tag', {}, slow.host),
      run(pool, installation, remembers, 'tag', {}, quick.host),
    ]);
    expect(slow.logs).toEqual([{ level: 'info', message: 'mine' }]);
    expect(quick.logs).toEqual([{ level: 'info', message: 'mine' }]);
  });
});

describe('plugin pool backstop and shutdown', () => {
  it('answers timeout when a worker misses the deadline, and replaces it', async () => {
    const stuck = createPluginPool({ size: 1, limits: { wallClockMsPerCall: 10_000 }, callDeadlineMs: 1500 });
    const key: Caller = { tenantId: 'tenant-a', installationId: 'ins_waits', revision: '1' };
    const never = createTestHost({ storageGet: () => new Promise(() => {}) }).host;
    const waits = bundleOf({
      wait: async (_payload: unknown, ctx: Ctx) => ctx.storage.get('never'),
      double: (payload: { n: number }) => payload.n * 2,
    });
    try {
      expect(await run(stuck, key, waits, 'double', { n: 1 }, never)).toEqual({ ok: true, value: 2 });
      const [before] = stuck.stats();
      expect(await run(stuck, key, waits, 'wait', {}, never)).toMatchObject({
        ok: false,
        error: { code: 'timeout' },
      });
      expect(await run(stuck, key, waits, 'double', { n: 2 }, never)).toEqual({ ok: true, value: 4 });
      expect(stuck.stats()[0]?.pid).not.toBe(before?.pid);
    } finally {
      await stuck.close();
    }
  });

  it('evicts idle sandboxes and loads them again on the next call', async () => {
    const idle = createPluginPool({ size: 1, idleMs: 100 });
    try {
      expect(await run(idle, alice, counter, 'double', { n: 1 })).toEqual({ ok: true, value: 2 });
      expect(idle.stats()[0]?.sandboxes).toBe(1);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(idle.stats()[0]?.sandboxes).toBe(0);
      expect(await run(idle, alice, counter, 'double', { n: 2 })).toEqual({ ok: true, value: 4 });
    } finally {
      await idle.close();
    }
  });

  it('close() ends every worker; later calls answer disposed', async () => {
    const closing = createPluginPool({ size: 2 });
    expect(await run(closing, alice, counter, 'double', { n: 1 })).toEqual({ ok: true, value: 2 });
    const pids = closing.stats().map((worker) => worker.pid);
    expect(pids.every((pid) => typeof pid === 'number')).toBe(true);
    await closing.close();
    for (const pid of pids) expect(() => process.kill(pid as number, 0)).toThrow(/ESRCH/);
    expect(await run(closing, alice, counter, 'double', { n: 1 })).toMatchObject({
      ok: false,
      error: { code: 'disposed' },
    });
  });

  it('starts workers with isolated-vm flags, the source condition and the tsx loader exactly once', () => {
    expect(workerExecArgv(['--inspect=9229'])).toEqual([
      '--no-node-snapshot',
      '--conditions=kredo-source',
      '--import',
      expect.stringMatching(/^file:.*tsx/),
    ]);
    expect(workerExecArgv(['--no-node-snapshot', '--conditions=kredo-source', '--import', 'tsx'])).toEqual([
      '--no-node-snapshot',
      '--conditions=kredo-source',
      '--import',
      'tsx',
    ]);
  });
});
