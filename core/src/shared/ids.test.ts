import { describe, expect, it } from 'vitest';
import { isId, newId } from './ids.ts';

describe('newId', () => {
  it('is prefixed, 30 characters and recognised', () => {
    const id = newId('debtor');
    expect(id).toMatch(/^dbt_[0-9a-z]{26}$/);
    expect(isId('debtor', id)).toBe(true);
    expect(isId('invoice', id)).toBe(false);
  });

  it('sorts by creation time', () => {
    const early = newId('invoice', 1_700_000_000_000);
    const late = newId('invoice', 1_700_000_000_001);
    expect(early < late).toBe(true);
  });

  it('keeps creation order within one millisecond', () => {
    const ids = Array.from({ length: 1000 }, () => newId('invoice', 1_800_000_000_000));
    expect([...ids].sort()).toEqual(ids);
  });

  it('does not repeat', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => newId('payment')));
    expect(ids.size).toBe(10_000);
  });
});
