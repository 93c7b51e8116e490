import { describe, expect, it } from 'vitest';
import {
  betalingskenmerkCheckDigit,
  isValidBetalingskenmerk,
  isValidRf,
  structuredReferences,
} from './creditor-reference.ts';
import { invoiceNumberTokens } from './invoice-number-tokens.ts';

describe('ISO 11649 creditor references', () => {
  it('accepts the standard’s example, grouped or not, and refuses a wrong check digit', () => {
    expect(isValidRf('RF18539007547034')).toBe(true);
    expect(isValidRf('RF18 5390 0754 7034')).toBe(true);
    expect(isValidRf('rf18539007547034')).toBe(true);
    expect(isValidRf('RF19539007547034')).toBe(false);
    expect(isValidRf('RF18539007547035')).toBe(false);
    expect(isValidRf('RF18')).toBe(false);
  });

  it('accepts letters in the reference (A = 10 … Z = 35)', () => {
    // RF + check digits computed by hand for "INV2026": I18 N23 V31 2026 R27 F15 00 → check 98 − mod 97.
    const body = 'INV2026';
    const check = 98 - Number(BigInt(`18233120262715${'00'}`) % 97n);
    expect(isValidRf(`RF${String(check).padStart(2, '0')}${body}`)).toBe(true);
  });
});

describe('the Dutch betalingskenmerk', () => {
  it('computes the check digit with the weights 2, 4, 8, 5, 10, 9, 7, 3, 6, 1 from the right', () => {
    // 5·2 + 4·4 + 3·8 + 2·5 + 1·10 + 0·9 + 9·7 + 8·3 + 7·6 + 6·1 + 5·2 + 4·4 + 3·8 + 2·5 + 1·10 = 275 ≡ 0 → 11 → 0
    expect(betalingskenmerkCheckDigit('123456789012345')).toBe(0);
    // 1·2 = 2 → 11 − 2 = 9
    expect(betalingskenmerkCheckDigit('000000000000001')).toBe(9);
    expect(isValidBetalingskenmerk('0123456789012345')).toBe(true);
    expect(isValidBetalingskenmerk('0123 4567 8901 2345')).toBe(true);
    expect(isValidBetalingskenmerk('1123456789012345')).toBe(false);
    expect(isValidBetalingskenmerk('123456789012345')).toBe(false);
  });
});

describe('structured references of an entry', () => {
  it('takes the bank’s field and valid references in the text, never an RF whose check fails', () => {
    expect(structuredReferences('RF18 5390 0754 7034', null)).toEqual([
      { reference: 'RF18539007547034', kind: 'rf' },
    ]);
    expect(structuredReferences('RF19539007547034', 'betaling RF19 5390 0754 7034')).toEqual([]);
    expect(structuredReferences(null, 'kenmerk 0123 4567 8901 2345 dank u')).toEqual([
      { reference: '0123456789012345', kind: 'betalingskenmerk' },
    ]);
    expect(structuredReferences('PAYREF-77', null)).toEqual([{ reference: 'PAYREF-77', kind: 'other' }]);
    // 16 digits failing the kenmerk check: a creditor's own reference in the field, nothing in the text.
    expect(structuredReferences('4654654654654654', null)).toEqual([
      { reference: '4654654654654654', kind: 'other' },
    ]);
    expect(structuredReferences(null, 'ref 4654 6546 5465 4654')).toEqual([]);
  });
});

describe('invoice numbers in remittance text', () => {
  it('keeps whole words only, so a number never matches inside a longer one', () => {
    expect(invoiceNumberTokens('Factuur F-1234, F-1235 en 99.')).toEqual(['F-1234', 'F-1235']);
    expect(invoiceNumberTokens('inv 12345/2026.')).toEqual(['12345/2026']);
    expect(invoiceNumberTokens('12345')).not.toContain('1234');
    expect(invoiceNumberTokens(null)).toEqual([]);
  });
});
