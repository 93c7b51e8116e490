// Registration numbers and payment references that pass the real check-digit rules, so demo data
// survives the same validation (VIES shape checks, bank reference checks) as production data.

import type { Random } from './random.ts';

/** Remainder of a long decimal string modulo 97, chunked because it exceeds a double's precision. */
export function mod97(digits: string): number {
  let remainder = 0;
  for (let i = 0; i < digits.length; i += 7) {
    remainder = Number(String(remainder) + digits.slice(i, i + 7)) % 97;
  }
  return remainder;
}

/**
 * Dutch structured payment reference (betalingskenmerk), 16 digits: a check digit followed by the
 * 15-digit body. Weighted modulus 11, weights 2, 4, 8, 5, 10, 9, 7, 3, 6, 1 from the right
 * (Betaalvereniging Nederland specification); a result of 10 becomes 1 and 11 becomes 0.
 */
export function dutchPaymentReference(body: string): string {
  if (!/^\d{15}$/.test(body)) throw new RangeError(`a betalingskenmerk body is 15 digits, got "${body}"`);
  const weights = [2, 4, 8, 5, 10, 9, 7, 3, 6, 1];
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    sum += Number(body[body.length - 1 - i]) * (weights[i % weights.length] as number);
  }
  const check = 11 - (sum % 11);
  return String(check === 11 ? 0 : check === 10 ? 1 : check) + body;
}

/**
 * Dutch RSIN (legal entities' fiscal number): 9 digits passing the elfproef, i.e. the first eight
 * weighted 9…2 sum to the ninth modulo 11. Bodies whose remainder is 10 have no valid number and
 * are drawn again.
 */
export function dutchRsin(random: Random): string {
  for (;;) {
    const body = random.digits(8, false);
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += Number(body[i]) * (9 - i);
    const check = sum % 11;
    if (check < 10) return body + String(check);
  }
}

/** VAT number of a Dutch legal entity: NL + RSIN + B01 (B02… only for fiscal unities). */
export function dutchEntityVatNumber(random: Random): string {
  return `NL${dutchRsin(random)}B${random.chance(0.9) ? '01' : '02'}`;
}

/**
 * VAT number of a Dutch sole proprietor (btw-id since 2020): NL, 9 digits, B, 2 check digits such
 * that the whole, letters read as numbers (N=23, L=21, B=11), is 1 modulo 97 (ISO 7064).
 */
export function dutchSoleTraderVatNumber(random: Random): string {
  const digits = random.digits(9);
  const check = (98 - mod97(`2321${digits}1100`)) % 97;
  return `NL${digits}B${String(check).padStart(2, '0')}`;
}

/** Dutch chamber of commerce (KvK) number: 8 digits, no check digit. */
export function dutchCocNumber(random: Random): string {
  return random.digits(8, false);
}

/**
 * Belgian enterprise number (KBO / BCE), also the VAT number after "BE": 0, 7 digits, then
 * 97 minus the first eight digits modulo 97.
 */
export function belgianEnterpriseNumber(random: Random): string {
  const base = `0${random.int(2, 9)}${random.digits(6)}`;
  return base + String(97 - (Number(base) % 97)).padStart(2, '0');
}

/** German USt-IdNr: DE + 8 digits + a check digit by ISO 7064 MOD 11,10. */
export function germanVatNumber(random: Random): string {
  const body = random.digits(8, false);
  let product = 10;
  for (const char of body) {
    let sum = (Number(char) + product) % 10;
    if (sum === 0) sum = 10;
    product = (2 * sum) % 11;
  }
  const check = 11 - product;
  return `DE${body}${check === 10 ? 0 : check}`;
}

/** German commercial register entry: HRB for corporations (GmbH, AG), HRA for partnerships (KG). */
export function germanRegisterNumber(random: Random, partnership: boolean): string {
  return `${partnership ? 'HRA' : 'HRB'} ${random.int(1000, 299_999)}`;
}
