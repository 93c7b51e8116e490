import { describe, expect, it } from 'vitest';
import { parseFormBody } from './form-body.ts';

describe('parseFormBody', () => {
  it('reads what Mollie posts', () => {
    expect(parseFormBody('id=tr_WDqYK6vllg')).toEqual({ id: 'tr_WDqYK6vllg' });
    expect(parseFormBody('a=1&b=two+words&c=%26')).toEqual({ a: '1', b: 'two words', c: '&' });
    expect(parseFormBody('')).toEqual({});
  });

  it('refuses broken percent-encoding', () => {
    expect(parseFormBody('id=%E0%A4%A')).toBeUndefined();
  });
});
