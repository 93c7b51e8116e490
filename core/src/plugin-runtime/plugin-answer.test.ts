import { describe, expect, it } from 'vitest';
import { pluginAnswer, runFailureStatus } from './plugin-answer.ts';

describe('pluginAnswer', () => {
  it("unwraps an SDK Result's value, and marks a value answered bare", () => {
    expect(pluginAnswer({ ok: true, value: { ok: true, value: { n: 1 } } })).toEqual({
      ok: true,
      value: { n: 1 },
      bare: false,
    });
    expect(pluginAnswer({ ok: true, value: { ok: true } })).toEqual({ ok: true, value: null, bare: false });
    expect(pluginAnswer({ ok: true, value: 42 })).toEqual({ ok: true, value: 42, bare: true });
    expect(pluginAnswer({ ok: true, value: undefined })).toEqual({ ok: true, value: null, bare: true });
    // An `ok` that is not a boolean is no Result: the object is the value.
    expect(pluginAnswer({ ok: true, value: { ok: 'yes' } })).toEqual({
      ok: true,
      value: { ok: 'yes' },
      bare: true,
    });
  });

  it("keeps a plugin's fail(…) apart from the runtime's failures, as plain text", () => {
    const failed = pluginAnswer({
      ok: true,
      value: {
        ok: false,
        error: { code: 'provider\u001b[31m_down', message: 'line\r\nbreak', retryable: true },
      },
    });
    expect(failed).toEqual({
      ok: false,
      source: 'plugin',
      error: { code: 'provider_down', message: 'line\\r\\nbreak', retryable: true },
    });
    expect(pluginAnswer({ ok: true, value: { ok: false } })).toEqual({
      ok: false,
      source: 'plugin',
      error: { code: 'plugin_failed', message: 'no reason given', retryable: false },
    });
    const runtime = { code: 'cpu_limit' as const, message: 'too much', retryable: false };
    expect(pluginAnswer({ ok: false, error: runtime })).toEqual({
      ok: false,
      source: 'runtime',
      error: runtime,
    });
  });
});

describe('runFailureStatus', () => {
  it('answers 503 for calls that could not run now, 504 for time, 404 for no such hook, else 502', () => {
    const status = (code: string) => runFailureStatus({ code: code as never, message: '', retryable: false });
    expect(['overloaded', 'worker_lost', 'disposed', 'runtime_unavailable'].map(status)).toEqual([
      503, 503, 503, 503,
    ]);
    expect(['timeout', 'cpu_limit'].map(status)).toEqual([504, 504]);
    expect(['installation_not_found', 'installation_disabled', 'hook_not_declared'].map(status)).toEqual([
      404, 404, 404,
    ]);
    expect(status('payload_too_large')).toBe(413);
    expect(['memory_limit', 'plugin_error', 'worker_crashed', 'bundle_digest_mismatch'].map(status)).toEqual([
      502, 502, 502, 502,
    ]);
  });
});
