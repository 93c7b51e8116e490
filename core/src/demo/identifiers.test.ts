import { describe, expect, it } from 'vitest';
import {
  belgianEnterpriseNumber,
  dutchCocNumber,
  dutchEntityVatNumber,
  dutchPaymentReference,
  dutchRsin,
  dutchSoleTraderVatNumber,
  germanRegisterNumber,
  germanVatNumber,
  mod97,
} from './identifiers.ts';
import { createRandom } from './random.ts';

// Independent validators, written from the published rules rather than from the generators.
const elfproef = (nine: string) =>
  [...nine].reduce((sum, digit, i) => sum + Number(digit) * (i < 8 ? 9 - i : -1), 0) % 11 === 0;
const belgianValid = (ten: string) => {
  const rest = Number(ten.slice(0, 8)) % 97;
  return Number(ten.slice(8)) === (rest === 0 ? 97 : 97 - rest);
};
const dutchBtwIdValid = (vat: string) =>
  BigInt([...vat].map((c) => (/[A-Z]/.test(c) ? String(c.charCodeAt(0) - 55) : c)).join('')) % 97n === 1n;
const germanValid = (nine: string) => {
  let product = 10;
  for (const c of nine.slice(0, 8)) {
    const sum = (Number(c) + product) % 10 || 10;
    product = (2 * sum) % 11;
  }
  return (11 - product) % 10 === Number(nine[8]);
};
const betalingskenmerkValid = (sixteen: string) => {
  // Recomputed per the specification: weights from the right, 11 - remainder, 10 → 1, 11 → 0.
  const weights = [2, 4, 8, 5, 10, 9, 7, 3, 6, 1];
  const body = sixteen.slice(1);
  const sum = [...body].reverse().reduce((acc, d, i) => acc + Number(d) * (weights[i % 10] as number), 0);
  const expected = (11 - (sum % 11)) % 11;
  return Number(sixteen[0]) === (expected === 10 ? 1 : expected);
};

describe('dutchPaymentReference', () => {
  it('matches the Betaalvereniging example', () => {
    expect(dutchPaymentReference('000056789012345')).toBe('5000056789012345');
  });

  it('produces 16 digits with a valid check digit and rejects bad bodies', () => {
    const random = createRandom(11);
    for (let i = 0; i < 500; i++) {
      const reference = dutchPaymentReference(random.digits(15));
      expect(reference).toMatch(/^\d{16}$/);
      expect(betalingskenmerkValid(reference)).toBe(true);
    }
    expect(betalingskenmerkValid('4000056789012345')).toBe(false);
    expect(() => dutchPaymentReference('12345')).toThrow(RangeError);
  });
});

describe('registration numbers', () => {
  const random = createRandom(12);

  it('mod97 agrees with BigInt on long numbers', () => {
    for (let i = 0; i < 200; i++) {
      const digits = random.digits(random.int(1, 40));
      expect(mod97(digits)).toBe(Number(BigInt(digits) % 97n));
    }
  });

  it('Dutch RSIN-based VAT numbers pass the elfproef', () => {
    for (let i = 0; i < 300; i++) {
      const vat = dutchEntityVatNumber(random);
      expect(vat).toMatch(/^NL\d{9}B0[12]$/);
      expect(elfproef(vat.slice(2, 11))).toBe(true);
      expect(elfproef(dutchRsin(random))).toBe(true);
    }
    expect(elfproef('123456782')).toBe(true);
    expect(elfproef('123456789')).toBe(false);
  });

  it('Dutch sole-trader VAT ids pass the ISO 7064 modulo 97 check', () => {
    for (let i = 0; i < 300; i++) {
      const vat = dutchSoleTraderVatNumber(random);
      expect(vat).toMatch(/^NL\d{9}B\d{2}$/);
      expect(dutchBtwIdValid(vat)).toBe(true);
    }
  });

  it('Belgian enterprise numbers carry their modulo 97 check', () => {
    expect(belgianValid('0566988259')).toBe(true);
    for (let i = 0; i < 300; i++) {
      const number = belgianEnterpriseNumber(random);
      expect(number).toMatch(/^0[2-9]\d{8}$/);
      expect(belgianValid(number)).toBe(true);
    }
  });

  it('German VAT numbers carry their MOD 11,10 check digit', () => {
    expect(germanValid('136695976')).toBe(true);
    for (let i = 0; i < 300; i++) {
      const vat = germanVatNumber(random);
      expect(vat).toMatch(/^DE[1-9]\d{8}$/);
      expect(germanValid(vat.slice(2))).toBe(true);
    }
  });

  it('KvK and register numbers have their shapes', () => {
    expect(dutchCocNumber(random)).toMatch(/^[1-9]\d{7}$/);
    expect(germanRegisterNumber(random, false)).toMatch(/^HRB \d{4,6}$/);
    expect(germanRegisterNumber(random, true)).toMatch(/^HRA \d{4,6}$/);
  });
});
