/**
 * The bank fields a letter's payment slip and its EPC QR code need, checked where they enter: an IBAN
 * by its ISO 13616 mod-97 checksum, a BIC by its ISO 9362 shape. Pure; the routes call them through joi.
 */

/** An IBAN's shape, without spaces: two letters, two check digits, 11 to 30 letters or digits. */
export const IBAN_SHAPE = /^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/;

/** An IBAN without spaces, upper case, when its checksum holds; else why not. */
export function normaliseIban(raw: string): { ok: true; value: string } | { ok: false; reason: string } {
  const value = raw.replace(/[\s-]/g, '').toUpperCase();
  if (!IBAN_SHAPE.test(value)) {
    return {
      ok: false,
      reason: 'is not an IBAN: two letters, two check digits, then 11 to 30 letters or digits',
    };
  }
  if (ibanRemainder(value) !== 1) return { ok: false, reason: 'has a wrong check digit (ISO 13616 mod-97)' };
  return { ok: true, value };
}

/** ISO 13616: move the first four characters to the end, letters to 10…35, the number mod 97 (in chunks). */
function ibanRemainder(iban: string): number {
  const digits = `${iban.slice(4)}${iban.slice(0, 4)}`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let remainder = 0;
  for (let i = 0; i < digits.length; i += 7) {
    remainder = Number(`${remainder}${digits.slice(i, i + 7)}`) % 97;
  }
  return remainder;
}

/** ISO 9362: bank (4 letters), country (2 letters), location (2), optional branch (3). */
export const BIC_PATTERN = /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/;

/** Groups of four, as people write an IBAN on paper. */
export function formatIban(iban: string): string {
  return iban.replace(/(.{4})/g, '$1 ').trim();
}
