import { afterAll, describe, expect, it } from 'vitest';
import {
  createSandbox,
  maxIntlInstances,
  type PluginSandbox,
  type SandboxOptions,
} from './plugin-sandbox.ts';
import { bundleOf, createTestHost } from './test-host.ts';

// What isolated-vm does not count or cannot interrupt, closed inside the isolate (isolate-guards.ts).
// Each case was reproduced against the bare isolate first: without the guard the process grew by
// hundreds of MiB, or the sort ran far past its CPU limit.
// biome-ignore lint/suspicious/noExplicitAny: plugin code is untyped JavaScript
type Any = any;

const sandboxes: PluginSandbox[] = [];
afterAll(() => {
  for (const sandbox of sandboxes) sandbox.dispose();
});

function load(hooks: Record<string, (...args: never[]) => unknown>, options: Partial<SandboxOptions> = {}) {
  const loaded = createSandbox({ code: bundleOf(hooks), host: createTestHost().host, ...options });
  if (!loaded.ok) throw new Error(loaded.error.message);
  sandboxes.push(loaded.value);
  return loaded.value;
}

const rssMb = () => process.memoryUsage.rss() / 1048576;

describe('memory the isolate would not count', () => {
  const plugin = load(
    {
      keepResizable: () => {
        const g = globalThis as Any;
        g.kept ??= [];
        const buffer = new ArrayBuffer(0, { maxByteLength: 64 << 20 } as Any) as Any;
        buffer.resize(32 << 20);
        new Uint8Array(buffer).fill(1);
        g.kept.push(buffer);
        return g.kept.length;
      },
      otherRoutes: () => {
        const attempts: Record<string, string> = {};
        const tryIt = (name: string, run: () => unknown) => {
          try {
            run();
            attempts[name] = 'allowed';
          } catch (thrown) {
            attempts[name] = (thrown as Error).name;
          }
        };
        const Native = new Uint8Array(1).buffer.constructor as Any;
        tryIt('viaConstructorProperty', () => new Native(0, { maxByteLength: 1024 }));
        tryIt('viaReflect', () => Reflect.construct(ArrayBuffer, [0, { maxByteLength: 1024 }]));
        tryIt('viaSubclass', () => new (class extends ArrayBuffer {})(0, { maxByteLength: 1024 } as Any));
        return {
          attempts,
          resize: typeof (ArrayBuffer.prototype as Any).resize,
          sharedArrayBuffer: typeof (globalThis as Any).SharedArrayBuffer,
          plain: new ArrayBuffer(16).byteLength,
          transferred: (new ArrayBuffer(8) as Any).transfer(32).byteLength,
          isBuffer: new Uint8Array(4).buffer instanceof ArrayBuffer,
          subclass: new (class Sized extends ArrayBuffer {})(8) instanceof ArrayBuffer,
        };
      },
      formatters: () => {
        const kept: unknown[] = [];
        for (let i = 0; i < 50_000; i++) kept.push(new Intl.DateTimeFormat('nl', { dateStyle: 'long' }));
        (globalThis as Any).formatters = kept;
        const money = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
        return {
          oneInstance: kept.every((formatter) => formatter === kept[0]),
          money: money.format(1234.5),
          calledWithoutNew: (Intl.NumberFormat as Any)('en-GB', { style: 'percent' }).format(0.25),
          instanceOf: money instanceof Intl.NumberFormat,
          segmenter: typeof (Intl as Any).Segmenter,
          date: new Intl.DateTimeFormat('de-DE', { dateStyle: 'long', timeZone: 'UTC' }).format(0),
          locale: new Intl.Locale('fr-BE').language,
        };
      },
      distinctFormatters: () => {
        const zones = (Intl as Any).supportedValuesOf('timeZone') as string[];
        let made = 0;
        try {
          for (const timeZone of zones) {
            new Intl.DateTimeFormat('nl', { timeZone });
            made++;
          }
        } catch (thrown) {
          return { made, error: `${(thrown as Error).name}: ${(thrown as Error).message}` };
        }
        return { made };
      },
    },
    { limits: { memoryMb: 16, cpuMsPerCall: 5000, wallClockMsPerCall: 10_000 } },
  );

  it('refuses resizable ArrayBuffers: forty calls that each tried to keep 32 MiB leave the process as it was', async () => {
    const before = rssMb();
    for (let i = 0; i < 40; i++) {
      expect(await plugin.call('keepResizable', {})).toEqual({
        ok: false,
        error: {
          code: 'plugin_error',
          message: 'RangeError: resizable ArrayBuffers are not available to plugins',
          retryable: false,
        },
      });
    }
    expect(rssMb() - before).toBeLessThan(64);
  });

  it('leaves no other way to a resizable buffer, and fixed-length buffers work as ever', async () => {
    expect(await plugin.call('otherRoutes', {})).toEqual({
      ok: true,
      value: {
        attempts: {
          viaConstructorProperty: 'RangeError',
          viaReflect: 'RangeError',
          viaSubclass: 'RangeError',
        },
        resize: 'undefined',
        sharedArrayBuffer: 'undefined',
        plain: 16,
        transferred: 32,
        isBuffer: true,
        subclass: true,
      },
    });
  });

  it('shares one Intl object per configuration, so fifty thousand formatters cost one', async () => {
    const before = rssMb();
    expect(await plugin.call('formatters', {})).toEqual({
      ok: true,
      value: {
        oneInstance: true,
        money: '€\u00a01.234,50',
        calledWithoutNew: '25%',
        instanceOf: true,
        segmenter: 'undefined',
        date: '1. Januar 1970',
        locale: 'fr',
      },
    });
    expect(rssMb() - before).toBeLessThan(64);
  });

  it('caps the distinct Intl objects an isolate may make', async () => {
    const result = await plugin.call('distinctFormatters', {});
    expect(result.ok && result.value).toMatchObject({
      error: `RangeError: a plugin may create at most ${maxIntlInstances} distinct Intl objects`,
    });
    // The earlier test made four (two number formats, two date formats).
    expect((result as { value: { made: number } }).value.made).toBeGreaterThan(maxIntlInstances - 10);
  });
});

describe('deadlines count the call’s own time', () => {
  it('a call waiting on its host while a neighbour holds the thread is not timed out for it', async () => {
    const { host } = createTestHost({
      storageGet: () => new Promise((resolve) => setTimeout(() => resolve('answered'), 20)),
    });
    const waiter = load(
      { wait: async (_payload: unknown, ctx: Any) => ctx.storage.get('slow') },
      { host, limits: { wallClockMsPerCall: 300 } },
    );
    const spinner = load(
      {
        spin: () => {
          const until = Date.now() + 600;
          while (Date.now() < until) {}
          return 'spun';
        },
      },
      { limits: { cpuMsPerCall: 2000, wallClockMsPerCall: 5000 } },
    );
    const waiting = waiter.call('wait', {});
    // The spin holds the thread for 600 ms, twice the waiter's deadline.
    const spinning = await spinner.call('spin', {});
    expect(spinning).toEqual({ ok: true, value: 'spun' });
    expect(await waiting).toEqual({ ok: true, value: 'answered' });
  });
});
