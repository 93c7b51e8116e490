import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createSandbox, type PluginSandbox, type SandboxOptions } from './plugin-sandbox.ts';
import { bundleOf, createTestHost } from './test-host.ts';

// Hook bodies are serialised with toString() and run inside the isolate, not here.
// biome-ignore lint/suspicious/noExplicitAny: plugin code is untyped JavaScript
type Any = any;
declare const process: Any;
declare const require: Any;

const sandboxes: PluginSandbox[] = [];

function load(code: string, options: Partial<SandboxOptions> = {}): PluginSandbox {
  const loaded = createSandbox({ code, host: createTestHost().host, ...options });
  if (!loaded.ok) throw new Error(loaded.error.message);
  sandboxes.push(loaded.value);
  return loaded.value;
}

/** The neighbour every hostile case must leave answering. */
const healthy = load(
  bundleOf({
    echo: async (payload: { n: number }, ctx: Any) => {
      await ctx.storage.set('last', payload.n);
      return { n: payload.n, stored: await ctx.storage.get('last') };
    },
  }),
);

const hostile = load(
  bundleOf({
    loop: () => {
      for (;;) {}
    },
    loopAfterAwait: async (_payload: unknown, ctx: Any) => {
      await ctx.log('info', 'about to spin');
      for (;;) {}
    },
    recurse: () => {
      const down = (n: number): number => down(n + 1) + 1;
      return down(0);
    },
    hugeResult: () => 'x'.repeat(300 * 1024),
    echo: (payload: unknown) => payload,
    reachHost: () => ({
      process: typeof process,
      require: typeof require,
      globalProcess: typeof (globalThis as Any).process,
      functionThis: typeof (Function('return this')() as Any).process,
      self: typeof (this as Any)?.process,
      webAssembly: typeof (globalThis as Any).WebAssembly,
      globals: Object.getOwnPropertyNames(globalThis).filter((name) =>
        /bridge|settle|kredo|\$|ivm/i.test(name),
      ),
    }),
    climbConstructors: () => (globalThis as Any).constructor.constructor('return process')(),
    climbCtx: (_payload: unknown, ctx: Any) => ctx.log.constructor('return process')(),
    throwNull: () => {
      throw null;
    },
    throwUndefined: async () => {
      throw undefined;
    },
    throwSymbol: () => {
      throw Symbol('boom');
    },
    throwGetter: () => {
      throw {
        get message() {
          throw new Error('gotcha');
        },
        get name() {
          throw new Error('gotcha');
        },
      };
    },
    throwProxy: async () => {
      throw new Proxy(
        {},
        {
          get() {
            throw new Error('trap');
          },
          getPrototypeOf() {
            throw new Error('trap');
          },
        },
      );
    },
    throwRevoked: () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      throw proxy;
    },
    neverSettles: () => new Promise(() => {}),
    waitForHost: async (_payload: unknown, ctx: Any) => ctx.storage.get('never'),
    fetchFlood: async (_payload: unknown, ctx: Any) => {
      for (let i = 0; i < 10; i++) {
        try {
          await ctx.http.fetch({ url: `https://api.example.com/${i}` });
        } catch {}
      }
      return 'finished anyway';
    },
  }),
  {
    host: {
      ...createTestHost().host,
      storageGet: (key: string) =>
        key === 'never' ? new Promise(() => {}) : Promise.resolve(Number(key.slice(1))),
    },
    limits: { wallClockMsPerCall: 300 },
  },
);

afterEach(async () => {
  const n = Math.floor(Math.random() * 1000);
  expect(await healthy.call('echo', { n })).toEqual({ ok: true, value: { n, stored: n } });
});

afterAll(() => {
  for (const sandbox of sandboxes) sandbox.dispose();
});

describe('hostile plugins', () => {
  it('an endless loop is stopped at the CPU limit, and the isolate keeps serving', async () => {
    expect(await hostile.call('loop', {})).toMatchObject({ ok: false, error: { code: 'cpu_limit' } });
    expect(await hostile.call('loopAfterAwait', {})).toMatchObject({
      ok: false,
      error: { code: 'cpu_limit' },
    });
    expect(await hostile.call('echo', { still: 'here' })).toEqual({ ok: true, value: { still: 'here' } });
  });

  it('a memory bomb disposes only its own isolate; a new sandbox works', async () => {
    const code = bundleOf({
      bomb: () => {
        const hoard: unknown[] = [];
        for (;;) hoard.push(new Array(100_000).fill(hoard.length));
      },
      ok: () => 'fine',
    });
    const bomb = load(code, { limits: { memoryMb: 16, cpuMsPerCall: 2000 } });
    expect(await bomb.call('bomb', {})).toMatchObject({ ok: false, error: { code: 'memory_limit' } });
    expect(bomb.disposed).toBe(true);
    expect(await bomb.call('ok', {})).toMatchObject({
      ok: false,
      error: { code: 'disposed', retryable: true },
    });
    expect(await load(code).call('ok', {})).toEqual({ ok: true, value: 'fine' });
  });

  it('deep recursion is a plugin error, not a crash', async () => {
    expect(await hostile.call('recurse', {})).toMatchObject({
      ok: false,
      error: { code: 'plugin_error', message: 'RangeError: Maximum call stack size exceeded' },
    });
  });

  it('refuses a huge return value and a huge payload', async () => {
    expect(await hostile.call('hugeResult', {})).toMatchObject({
      ok: false,
      error: { code: 'result_too_large' },
    });
    const payload = { blob: 'y'.repeat(300 * 1024) };
    expect(await hostile.call('echo', payload)).toMatchObject({
      ok: false,
      error: { code: 'payload_too_large' },
    });
  });

  it('finds nothing of the host through globals or constructors', async () => {
    expect(await hostile.call('reachHost', {})).toEqual({
      ok: true,
      value: {
        process: 'undefined',
        require: 'undefined',
        globalProcess: 'undefined',
        functionThis: 'undefined',
        self: 'undefined',
        webAssembly: 'undefined',
        globals: ['__kredo'],
      },
    });
    const climbed = {
      ok: false,
      error: { code: 'plugin_error', message: 'ReferenceError: process is not defined' },
    };
    expect(await hostile.call('climbConstructors', {})).toMatchObject(climbed);
    expect(await hostile.call('climbCtx', {})).toMatchObject(climbed);
  });

  it('prototype tampering stays inside the isolate and does not break the runtime', async () => {
    const tamperer = load(
      bundleOf({
        pollute: (payload: Any) => {
          // biome-ignore lint/suspicious/noProto: the attack under test
          payload.__proto__.polluted = 'yes';
          Object.prototype.toString = () => 'hacked';
          (Object.prototype as Any).polluted = 'yes';
          JSON.stringify = () => '"forged"';
          JSON.parse = () => ({ forged: true });
          // biome-ignore lint/suspicious/noThenProperty: the attack under test
          Promise.prototype.then = () => {
            throw new Error('hijacked');
          };
          Function.prototype.apply = () => 'hijacked';
          return { seenInside: ({} as Any).polluted };
        },
        afterwards: async (payload: { n: number }, ctx: Any) => {
          await ctx.storage.set('n', payload.n);
          return {
            n: payload.n,
            fetched: (await ctx.http.fetch({ url: 'https://api.example.com/' })).status,
          };
        },
        throws: async () => {
          throw new TypeError('still described');
        },
      }),
    );
    const payload = { invoice: 'INV-1' };
    expect(await tamperer.call('pollute', payload)).toEqual({ ok: true, value: { seenInside: 'yes' } });
    expect(({} as Any).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(payload)).toBe(Object.prototype);
    expect(Object.prototype.toString.call([])).toBe('[object Array]');
    expect(await tamperer.call('afterwards', { n: 3 })).toEqual({ ok: true, value: { n: 3, fetched: 200 } });
    expect(await tamperer.call('throws', {})).toMatchObject({
      ok: false,
      error: { code: 'plugin_error', message: 'TypeError: still described' },
    });
  });

  it('odd thrown values become plain plugin errors', async () => {
    const cases: [string, string][] = [
      ['throwNull', 'null'],
      ['throwUndefined', 'undefined'],
      ['throwSymbol', 'Symbol(boom)'],
      ['throwGetter', 'a non-error object was thrown'],
      ['throwProxy', 'a non-error object was thrown'],
      ['throwRevoked', 'a non-error object was thrown'],
    ];
    for (const [hook, message] of cases) {
      const result = await hostile.call(hook, {});
      expect(result, hook).toEqual({ ok: false, error: { code: 'plugin_error', message, retryable: false } });
    }
  });

  it('a promise that never settles and a host call that never answers end at the deadline', async () => {
    const [never, waiting] = await Promise.all([
      hostile.call('neverSettles', {}),
      hostile.call('waitForHost', {}),
    ]);
    expect(never).toMatchObject({ ok: false, error: { code: 'timeout', retryable: true } });
    expect(waiting).toMatchObject({ ok: false, error: { code: 'timeout', retryable: true } });
  });

  it('ends a call that exceeds the outbound request count, even if the plugin catches', async () => {
    expect(await hostile.call('fetchFlood', {})).toMatchObject({
      ok: false,
      error: { code: 'outbound_limit' },
    });
  });

  it('settles a thousand concurrent calls with the right answers', async () => {
    // Its own sandbox, with a deadline no busy test machine stretches a thousand calls past.
    const code = bundleOf({
      concurrent: async (payload: { n: number }, ctx: Any) => {
        await ctx.storage.set(`k${payload.n}`, payload.n);
        return { n: (await ctx.storage.get(`k${payload.n}`)) * 2 };
      },
    });
    const numbers = createTestHost({ storageGet: (key: string) => Promise.resolve(Number(key.slice(1))) });
    const concurrent = load(code, { host: numbers.host, limits: { wallClockMsPerCall: 10_000 } });
    const calls = Array.from({ length: 1000 }, (_, n) => concurrent.call('concurrent', { n }));
    const results = await Promise.all(calls);
    // The wrong ones, with what they answered: on a failure the report says which call and why.
    const wrong = results
      .map((result, n) => ({ n, result }))
      .filter(({ n, result }) => !(result.ok && (result.value as { n: number }).n === n * 2));
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});
