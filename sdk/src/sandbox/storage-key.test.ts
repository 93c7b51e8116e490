import { afterAll, describe, expect, it } from 'vitest';
import { createTesterStorage } from '../testing/tester-storage.ts';
import { createSandbox, type PluginSandbox } from './plugin-sandbox.ts';
import { storageKeyProblem } from './storage-key.ts';
import { bundleOf, createTestHost } from './test-host.ts';

// biome-ignore lint/suspicious/noExplicitAny: plugin code is untyped JavaScript
type Ctx = any;

// Keys production cannot store as they are: PostgreSQL refuses NUL in text and turns a lone
// surrogate into U+FFFD (two keys, one row); control characters garble logs and consoles.
const refused: [string, string][] = [
  ['NUL', 'a\u0000b'],
  ['lone high surrogate', 'k\ud800'],
  ['lone low surrogate', '\udc00k'],
  ['tab', 'a\tb'],
  ['line feed', 'a\nb'],
  ['carriage return', 'a\rb'],
  ['ANSI escape', '\u001b[31mred'],
  ['DEL', 'a\u007f'],
  ['C1 control', 'a\u0085b'],
];
const accepted = ['cursor', 'key with spaces', 'überweisung:2026', '😀 emoji', 'a'.repeat(256)];

describe('storageKeyProblem', () => {
  it.each(refused)('refuses a key with a %s', (_name, key) => {
    expect(storageKeyProblem(key, 'key')).toMatch(/storage key must/);
    expect(storageKeyProblem(key, 'prefix')).toMatch(/storage prefix must/);
  });

  it.each(accepted)('accepts %j', (key) => {
    expect(storageKeyProblem(key, 'key')).toBeUndefined();
  });

  it('takes an empty prefix but no empty key, and neither over 256 characters', () => {
    expect(storageKeyProblem('', 'prefix')).toBeUndefined();
    expect(storageKeyProblem('', 'key')).toMatch(/1 to 256/);
    expect(storageKeyProblem('a'.repeat(257), 'prefix')).toMatch(/at most 256/);
  });
});

// The plugin's side: each storage function with a bad key rejects with invalid_argument, and the
// host is never asked.
const bundle = bundleOf({
  tryKeys: async (payload: { keys: string[] }, ctx: Ctx) => {
    const answers: unknown[] = [];
    const attempt = async (run: () => Promise<unknown>) => {
      try {
        await run();
        return 'ok';
      } catch (error) {
        return (error as Ctx).code;
      }
    };
    for (const key of payload.keys) {
      answers.push([
        await attempt(() => ctx.storage.set(key, 1)),
        await attempt(() => ctx.storage.get(key)),
        await attempt(() => ctx.storage.delete(key)),
        await attempt(() => ctx.storage.list(key)),
      ]);
    }
    return answers;
  },
  read: async (payload: { key: string }, ctx: Ctx) => {
    try {
      return await ctx.storage.get(payload.key);
    } catch (error) {
      const { code, message, retryable } = error as Ctx;
      return { code, message, retryable };
    }
  },
});

const asked: string[] = [];
const test = createTestHost({
  storageGet: async (key) => {
    asked.push(key);
    if (key === 'pg') {
      // What node-postgres throws for a NUL in a text parameter.
      throw Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), {
        code: '22021',
        severity: 'ERROR',
        routine: 'report_invalid_encoding',
      });
    }
    if (key === 'socket')
      throw Object.assign(new Error('read ECONNRESET 10.0.0.5:5432'), { code: 'ECONNRESET' });
    if (key === 'typed') throw Object.assign(new Error('no invoice inv_1'), { code: 'not_found' });
    return null;
  },
});
const sandboxes: PluginSandbox[] = [];
afterAll(() => {
  for (const sandbox of sandboxes) sandbox.dispose();
});

function load(): PluginSandbox {
  const loaded = createSandbox({ code: bundle, host: test.host });
  if (!loaded.ok) throw new Error(loaded.error.message);
  sandboxes.push(loaded.value);
  return loaded.value;
}

describe('storage keys through the sandbox bridge', () => {
  it('answers invalid_argument for every refused key and prefix, before the host sees it', async () => {
    const keys = refused.map(([, key]) => key);
    const result = await load().call('tryKeys', { keys });
    expect(result).toEqual({ ok: true, value: keys.map(() => Array(4).fill('invalid_argument')) });
    expect(asked).toEqual([]);
  });

  it('lets well-formed keys through', async () => {
    const result = await load().call('tryKeys', { keys: accepted });
    expect(result).toEqual({ ok: true, value: accepted.map(() => ['ok', 'ok', 'ok', 'ok']) });
  });
});

describe('host errors the plugin sees', () => {
  it('turns a PostgreSQL or network error into host_error, hiding its code and message', async () => {
    const sandbox = load();
    for (const key of ['pg', 'socket']) {
      expect(await sandbox.call('read', { key })).toEqual({
        ok: true,
        value: { code: 'host_error', message: 'the host function failed', retryable: true },
      });
    }
  });

  it("keeps a host function's own code and message", async () => {
    expect(await load().call('read', { key: 'typed' })).toEqual({
      ok: true,
      value: { code: 'not_found', message: 'no invoice inv_1', retryable: false },
    });
  });
});

describe("the test kit's storage", () => {
  it('refuses the keys production refuses, with the same code', async () => {
    const storage = createTesterStorage(new Map());
    for (const [, key] of refused) {
      await expect(storage.storageSet(key, 1)).rejects.toMatchObject({ code: 'invalid_argument' });
      await expect(storage.storageGet(key)).rejects.toMatchObject({ code: 'invalid_argument' });
      await expect(storage.storageList(key)).rejects.toMatchObject({ code: 'invalid_argument' });
    }
    await storage.storageSet('überweisung', 1);
    expect(await storage.storageList('')).toEqual(['überweisung']);
  });
});
