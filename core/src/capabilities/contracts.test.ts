import { describe, expect, it } from 'vitest';
import { cover } from './contracts.ts';

describe('capability contracts', () => {
  const answer = {
    coverReference: 'CV-1',
    status: 'granted',
    coveredAmount: { amount: 100, currency: 'EUR' },
  };

  it("refuse a cover valid until a day the calendar lacks (it would fail the date column, not the plugin's answer)", () => {
    expect(cover.validate({ ...answer, validUntil: '2027-06-30' }).error).toBeUndefined();
    expect(cover.validate({ ...answer, validUntil: '2027-02-30' }).error?.message).toMatch(/validUntil/);
    expect(cover.validate({ ...answer, validUntil: '2027-13-01' }).error?.message).toMatch(/validUntil/);
  });
});
