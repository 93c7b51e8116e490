import { describe, expect, it } from 'vitest';
import type { PluginRuntime } from './plugin-runtime.ts';
import { runtimeDeliverer } from './runtime-deliverer.ts';

function runtimeAnswering(value: unknown, seen: unknown[] = []): PluginRuntime {
  return {
    invoke: async (_tenant, _installation, _hook, payload) => {
      seen.push(payload);
      return { ok: true, value };
    },
    hooksFor: async () => ['ins_1'],
    forget: () => {},
    stats: () => [],
    close: async () => {},
  } as PluginRuntime;
}

const event = {
  idempotencyKey: 'evt_1:ins_1',
  eventId: 'evt_1',
  name: 'payment.received',
  occurredAt: '2026-11-22T10:00:00Z',
  data: { payment: { id: 'pay_1' } },
};

describe('runtimeDeliverer', () => {
  it('hands the plugin the SDK event shape: envelope fields beside the event fields', async () => {
    const seen: unknown[] = [];
    const result = await runtimeDeliverer(runtimeAnswering(undefined, seen)).deliver(
      'ten_1',
      'ins_1',
      'payment.received',
      event,
    );
    expect(result).toEqual({ ok: true });
    expect(seen[0]).toEqual({
      idempotencyKey: 'evt_1:ins_1',
      eventId: 'evt_1',
      name: 'payment.received',
      occurredAt: '2026-11-22T10:00:00Z',
      payment: { id: 'pay_1' },
    });
  });

  it('treats a plugin answering fail(…) as not delivered, retrying only when it says so', async () => {
    const retry = await runtimeDeliverer(
      runtimeAnswering({ ok: false, error: { code: 'provider_down', message: 'later', retryable: true } }),
    ).deliver('ten_1', 'ins_1', 'payment.received', event);
    expect(retry).toEqual({ ok: false, error: { code: 'provider_down', message: 'later', retryable: true } });
    const final = await runtimeDeliverer(
      runtimeAnswering({ ok: false, error: { code: 'rejected' } }),
    ).deliver('ten_1', 'ins_1', 'payment.received', event);
    expect(final).toMatchObject({ ok: false, error: { code: 'rejected', retryable: false } });
  });
});
