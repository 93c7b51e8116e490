import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

export const ID_PREFIXES = {
  tenant: 'ten',
  administration: 'adm',
  debtor: 'dbt',
  invoice: 'inv',
  payment: 'pay',
  allocation: 'alc',
} as const;
export type IdKind = keyof typeof ID_PREFIXES;

/**
 * Opaque, prefixed, time-ordered ids (`dbt_01jd…`): a ULID body, so ids sort by creation and
 * cursor pagination can walk them with a plain index.
 */
export function newId(kind: IdKind, now = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let random = '';
  for (let i = 0; i < 16; i++) random += ALPHABET[(bytes[i] as number) % 32];
  return `${ID_PREFIXES[kind]}_${time}${random}`;
}

const ID_PATTERN = /^[a-z]{3}_[0-9a-hjkmnp-tv-z]{26}$/;
export function isId(kind: IdKind, value: string): boolean {
  return value.startsWith(`${ID_PREFIXES[kind]}_`) && ID_PATTERN.test(value);
}
