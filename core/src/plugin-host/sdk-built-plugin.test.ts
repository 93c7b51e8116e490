import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSandbox, createTestHost } from '@kredo/sdk/sandbox';
import { describe, expect, it } from 'vitest';
// The partner's build, exactly as `kredo-plugin build` runs it (core does not depend on the SDK package yet).
import { buildPlugin } from '../../../sdk/src/cli/build.ts';

const here = dirname(fileURLToPath(import.meta.url));

describe('a plugin built with the SDK', () => {
  it('runs in the real sandbox with the SDK’s context: Results, log methods, storage', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'kredo-sdk-plugin-')), 'plugin.js');
    await buildPlugin({ entry: join(here, 'fixtures/sdk-plugin/plugin.ts'), out });
    const { host, logs, storage, fetches } = createTestHost({
      fetch: async () => {
        throw Object.assign(new Error('provider down'), { code: 'network_error', retryable: true });
      },
    });
    const created = createSandbox({ code: await readFile(out, 'utf8'), host });
    if (!created.ok) throw new Error(created.error.message);
    const sandbox = created.value;
    try {
      const event = {
        idempotencyKey: 'evt_1:ins_1',
        eventId: 'evt_1',
        name: 'payment.received',
        occurredAt: '2026-11-22T10:00:00Z',
        payment: {},
      };
      const first = await sandbox.call('payment.received', event);
      // The failed fetch comes back to the plugin as a Result, which it returns as its answer.
      expect(first).toEqual({
        ok: true,
        value: {
          ok: false,
          error: {
            code: 'network_error',
            message: expect.stringContaining('provider down'),
            retryable: true,
          },
        },
      });
      await sandbox.call('payment.received', event);
      expect(storage.get('seen')).toBe(2);
      expect(logs.map((l) => [l.level, l.message])).toContainEqual(['info', 'payment seen {"count":2}']);
      expect(fetches).toHaveLength(0);
    } finally {
      sandbox.dispose();
    }
  });
});
