import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox, type PluginSandbox } from './plugin-sandbox.ts';
import { defaultSandboxLimits, resolveSandboxLimits } from './sandbox-limits.ts';
import { bundleOf, createTestHost } from './test-host.ts';

// Hook bodies are serialised with toString() and run inside the isolate, not here.
// biome-ignore lint/suspicious/noExplicitAny: plugin code is untyped JavaScript
type Ctx = any;

const bundle = bundleOf({
  'invoice.overdue': async (payload: { invoice: string }, ctx: Ctx) => {
    await ctx.log('info', `overdue ${payload.invoice}`);
    const seen = (await ctx.storage.get('count')) ?? 0;
    await ctx.storage.set('count', seen + 1);
    return { invoice: payload.invoice, count: seen + 1 };
  },
  double: (payload: { n: number }) => payload.n * 2,
  nothing: () => undefined,
  fetchStatus: async (_payload: unknown, ctx: Ctx) =>
    (await ctx.http.fetch({ url: 'https://api.example.com/x' })).status,
  badArgument: async (_payload: unknown, ctx: Ctx) => {
    try {
      await ctx.storage.get(42);
    } catch (error) {
      const { code, retryable } = error as Ctx;
      return { code, retryable, isError: error instanceof Error };
    }
  },
  bigArgument: async (_payload: unknown, ctx: Ctx) => {
    try {
      await ctx.storage.set('big', 'z'.repeat(300 * 1024));
    } catch (error) {
      return (error as Ctx).code;
    }
  },
  hostFails: async (_payload: unknown, ctx: Ctx) => {
    try {
      await ctx.storage.get('boom');
    } catch (error) {
      const { code, message } = error as Ctx;
      return { code, message };
    }
  },
});

const test = createTestHost({
  storageGet: async (key) => {
    if (key === 'boom') throw new Error('database password is hunter2');
    return test.storage.get(key) ?? null;
  },
});
const sandboxes: PluginSandbox[] = [];

function load(code = bundle): PluginSandbox {
  const loaded = createSandbox({ code, host: test.host });
  if (!loaded.ok) throw new Error(loaded.error.message);
  sandboxes.push(loaded.value);
  return loaded.value;
}

afterAll(() => {
  for (const sandbox of sandboxes) sandbox.dispose();
});

describe('sandbox limits', () => {
  it('has documented defaults and takes overrides', () => {
    expect(resolveSandboxLimits()).toEqual({
      memoryMb: 32,
      cpuMsPerCall: 50,
      wallClockMsPerCall: 2000,
      maxPayloadBytes: 262_144,
      maxOutboundRequestsPerCall: 5,
    });
    expect(resolveSandboxLimits({ cpuMsPerCall: 200 })).toEqual({
      ...defaultSandboxLimits,
      cpuMsPerCall: 200,
    });
  });

  it('fails fast on a bad limit, naming it', () => {
    expect(() => resolveSandboxLimits({ memoryMb: 4 })).toThrow(/memoryMb/);
    expect(() => resolveSandboxLimits({ cpuMsPerCall: 1.5 })).toThrow(/cpuMsPerCall/);
    expect(() => resolveSandboxLimits({ nope: 1 } as never)).toThrow(/unknown sandbox limit nope/);
  });
});

describe('plugin sandbox', () => {
  it('runs a hook that logs and uses storage', async () => {
    const sandbox = load();
    expect(sandbox.hooks).toContain('invoice.overdue');
    expect(await sandbox.call('invoice.overdue', { invoice: 'INV-1' })).toEqual({
      ok: true,
      value: { invoice: 'INV-1', count: 1 },
    });
    expect(await sandbox.call('invoice.overdue', { invoice: 'INV-2' })).toEqual({
      ok: true,
      value: { invoice: 'INV-2', count: 2 },
    });
    expect(test.logs).toEqual([
      { level: 'info', message: 'overdue INV-1' },
      { level: 'info', message: 'overdue INV-2' },
    ]);
  });

  it('answers plain host data, never a Reference', async () => {
    const sandbox = load();
    const result = await sandbox.call('invoice.overdue', { invoice: 'INV-3' });
    expect(result.ok && Object.getPrototypeOf(result.value)).toBe(Object.prototype);
    expect(await sandbox.call('double', { n: 21 })).toEqual({ ok: true, value: 42 });
    expect(await sandbox.call('nothing', {})).toEqual({ ok: true, value: undefined });
  });

  it('fetches through the host', async () => {
    expect(await load().call('fetchStatus', {})).toEqual({ ok: true, value: 200 });
    expect(test.fetches).toEqual([{ url: 'https://api.example.com/x', method: 'GET', headers: {} }]);
  });

  it('re-validates host arguments and hides untyped host errors', async () => {
    const sandbox = load();
    expect(await sandbox.call('badArgument', {})).toEqual({
      ok: true,
      value: { code: 'invalid_argument', retryable: false, isError: true },
    });
    expect(await sandbox.call('bigArgument', {})).toEqual({ ok: true, value: 'payload_too_large' });
    expect(await sandbox.call('hostFails', {})).toEqual({
      ok: true,
      value: { code: 'host_error', message: 'the host function failed' },
    });
  });

  it('answers hook_not_found and invalid_payload', async () => {
    const sandbox = load();
    const missing = await sandbox.call('no.such.hook', {});
    expect(missing).toMatchObject({ ok: false, error: { code: 'hook_not_found', retryable: false } });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(await sandbox.call('double', cyclic)).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
  });

  it('refuses a bundle that does not load', () => {
    const broken = createSandbox({ code: 'this is not javascript', host: test.host });
    expect(broken).toMatchObject({ ok: false, error: { code: 'load_failed' } });
    const empty = createSandbox({ code: 'const x = 1;', host: test.host });
    expect(empty).toMatchObject({ ok: false, error: { code: 'load_failed', message: /__kredo/ } });
    const looping = createSandbox({
      code: 'for (;;) {}',
      host: test.host,
      limits: { wallClockMsPerCall: 100 },
    });
    expect(looping).toMatchObject({ ok: false, error: { code: 'load_failed' } });
  });

  it('reports disposed after dispose()', async () => {
    const sandbox = load();
    sandbox.dispose();
    expect(sandbox.disposed).toBe(true);
    expect(await sandbox.call('double', { n: 1 })).toMatchObject({
      ok: false,
      error: { code: 'disposed', retryable: true },
    });
  });
});
