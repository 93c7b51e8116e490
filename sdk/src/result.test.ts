import { describe, expect, expectTypeOf, it } from 'vitest';
import { fail, ok, type Result } from './result.ts';

describe('Result', () => {
  it('carries a value or an error as plain data', () => {
    expect(ok(3)).toEqual({ ok: true, value: 3 });
    expect(ok()).toEqual({ ok: true, value: undefined });
    expect(fail('company_not_found', 'No company 123')).toEqual({
      ok: false,
      error: { code: 'company_not_found', message: 'No company 123', retryable: false },
    });
    expect(fail('provider_unavailable', '503', { retryable: true }).error.retryable).toBe(true);
    // Plain data survives the structured clone the sandbox boundary performs.
    expect(structuredClone(fail('x', 'y'))).toEqual(fail('x', 'y'));
  });

  it('narrows on ok', () => {
    const result: Result<number> = ok(1);
    if (result.ok) expectTypeOf(result.value).toBeNumber();
    else expectTypeOf(result.error.code).toBeString();
  });
});
