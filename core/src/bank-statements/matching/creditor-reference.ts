/**
 * Structured creditor references as payers type them: ISO 11649 (`RF18 5390 0754 7034`) and the Dutch
 * 16-digit betalingskenmerk (acceptgiro). Pure: what the matcher looks up depends only on the text.
 */

/** Upper case without spaces: how references are compared (a bank may keep the payer's spaces). */
export function compactReference(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

/**
 * ISO 11649: `RF`, two check digits, 1–21 letters or digits; valid when the reference moved behind
 * its first four characters, letters as numbers (A = 10 … Z = 35), leaves 1 modulo 97 (ISO 7064).
 */
export function isValidRf(reference: string): boolean {
  const rf = compactReference(reference);
  if (!/^RF[0-9]{2}[A-Z0-9]{1,21}$/.test(rf)) return false;
  return mod97(`${rf.slice(4)}${rf.slice(0, 4)}`) === 1;
}

function mod97(text: string): number {
  let remainder = 0;
  for (const char of text) {
    const value = Number.parseInt(char, 36);
    // Letters are two digits (10–35), digits one: fold each in with its own width.
    remainder = (remainder * (value > 9 ? 100 : 10) + value) % 97;
  }
  return remainder;
}

/** The betalingskenmerk weights, from the rightmost digit leftwards, repeating. */
const KENMERK_WEIGHTS = [2, 4, 8, 5, 10, 9, 7, 3, 6, 1];

/**
 * The Dutch betalingskenmerk of 16 digits: the first is a check digit over the other fifteen, each
 * weighted from the right by 2, 4, 8, 5, 10, 9, 7, 3, 6, 1 (then again); check = 11 − (sum mod 11),
 * where 10 becomes 1 and 11 becomes 0.
 */
export function isValidBetalingskenmerk(reference: string): boolean {
  const digits = compactReference(reference);
  if (!/^[0-9]{16}$/.test(digits)) return false;
  return betalingskenmerkCheckDigit(digits.slice(1)) === Number(digits[0]);
}

/** The check digit of a betalingskenmerk's fifteen-digit body. */
export function betalingskenmerkCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = Number(body[body.length - 1 - i]);
    sum += digit * (KENMERK_WEIGHTS[i % KENMERK_WEIGHTS.length] as number);
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 1 : check === 11 ? 0 : check;
}

export type ReferenceKind = 'rf' | 'betalingskenmerk' | 'other';

export interface FoundReference {
  /** Compact: upper case, no spaces. */
  reference: string;
  kind: ReferenceKind;
}

/**
 * The structured references an entry carries: the bank's structured field first (an RF there must be
 * valid to count; anything else is kept as the invoice's own payment reference may look), then valid
 * RFs and kenmerken written in the remittance text, grouped or not. An RF whose check digits fail is
 * never returned: a typo must not pay someone else's invoice.
 */
export function structuredReferences(
  creditorReference: string | null,
  remittanceText: string | null,
): FoundReference[] {
  const found = new Map<string, FoundReference>();
  const add = (reference: string, kind: ReferenceKind) => {
    if (!found.has(reference)) found.set(reference, { reference, kind });
  };
  if (creditorReference) {
    const compact = compactReference(creditorReference);
    const kind = classify(compact, true);
    if (kind) add(compact, kind);
  }
  for (const candidate of referenceCandidates(remittanceText ?? '')) {
    const kind = classify(candidate, false);
    if (kind && kind !== 'other') add(candidate, kind);
  }
  return [...found.values()];
}

/**
 * `null` for an RF whose check fails; 'other' for any other text. A 16-digit number failing the
 * kenmerk check is 'other' in the bank's structured field (a creditor's own reference may be 16 digits:
 * it then matches only an invoice carrying exactly it) and nothing in free text.
 */
function classify(compact: string, structuredField: boolean): ReferenceKind | null {
  if (/^RF[0-9]{2}/.test(compact)) return isValidRf(compact) ? 'rf' : null;
  if (/^[0-9]{16}$/.test(compact) && isValidBetalingskenmerk(compact)) return 'betalingskenmerk';
  if (!structuredField) return null;
  return compact.length > 0 && compact.length <= 35 ? 'other' : null;
}

/** RFs and 16-digit numbers in free text, written in groups of four or not. */
function referenceCandidates(text: string): string[] {
  const upper = text.toUpperCase();
  const rfs = [...upper.matchAll(/\bRF[0-9]{2}(?: ?[A-Z0-9]{1,4}){1,6}\b/g)].map((m) =>
    compactReference(m[0]),
  );
  const kenmerken = [...upper.matchAll(/(?<![0-9])[0-9]{4}(?: ?[0-9]{4}){3}(?![0-9])/g)].map((m) =>
    compactReference(m[0]),
  );
  return [...rfs, ...kenmerken];
}
