import { describe, expect, it } from 'vitest';
import { toE164 } from './phone-number.ts';

describe('toE164', () => {
  it('reads international notations anywhere and national ones with the country', () => {
    expect(toE164('+31 6-1234 5678')).toBe('+31612345678');
    expect(toE164('0031 (6) 12345678')).toBe('+31612345678');
    expect(toE164('06 12345678', 'NL')).toBe('+31612345678');
    expect(toE164('030 123 45 67', 'de')).toBe('+49301234567');
    expect(toE164('0470 12 34 56', 'BE')).toBe('+32470123456');
  });

  it('gives up on what it cannot read safely', () => {
    expect(toE164('06 12345678')).toBeUndefined();
    expect(toE164('06 12345678', 'IT')).toBeUndefined();
    expect(toE164('612345678', 'NL')).toBeUndefined();
    expect(toE164('+0 612345678')).toBeUndefined();
    expect(toE164('call 0612345678', 'NL')).toBeUndefined();
    expect(toE164('+31 6')).toBeUndefined();
    expect(toE164('+31 6123456789012345')).toBeUndefined();
  });
});
