import { unstorableCharacter } from '../shared/storable-text.ts';
import { InvalidValueError, inField, quote } from './errors.ts';
import { isCountryCode, isCurrencyCode, isLanguageCode, notACurrency } from './iso-codes.ts';

// Checks for single values, shared by the readers. Each returns the value in its stored form or
// throws InvalidValueError; the reader says which column it came from.

/** Longest ERP key (debtor and invoice numbers): the same limit as the API. */
export const KEY_LENGTH = 64;
/** Longest text a field holds: the database columns are varchar(255). */
export const TEXT_LENGTH = 255;

const invalid = (message: string) => new InvalidValueError('invalid_value', message);

/** The value of a column that must be filled, checked by `check`. */
export function readRequired<T>(
  values: Record<string, string>,
  column: string,
  check: (value: string) => T,
): T {
  const value = values[column];
  if (value === undefined || value === '') {
    throw new InvalidValueError('missing_value', `${column} is required`, column);
  }
  return inField(column, () => check(storable(value)));
}

/** The value of a column that may be empty or absent (then undefined), checked by `check`. */
export function readOptional<T>(
  values: Record<string, string>,
  column: string,
  check: (value: string) => T,
): T | undefined {
  const value = values[column];
  return value === undefined || value === '' ? undefined : inField(column, () => check(storable(value)));
}

/** Every value read passes here first: a character PostgreSQL cannot store rejects the row, naming the column. */
function storable(value: string): string {
  const character = unstorableCharacter(value);
  if (character) throw invalid(`${quote(value)} contains ${character}, which cannot be stored`);
  return value;
}

export function text(value: string, max = TEXT_LENGTH): string {
  if (value.length > max) throw invalid(`${quote(value)} is longer than ${max} characters`);
  return value;
}

export const key = (value: string): string => text(value, KEY_LENGTH);

/** The value, or its alias, if it is one of `allowed`; case and dashes, underscores and spaces do not count. */
export function oneOf<T extends string>(
  value: string,
  allowed: readonly T[],
  aliases: Record<string, T> = {},
): T {
  const plain = value.toLowerCase().replace(/[-_\s]/g, '');
  const found = allowed.find((option) => option.replace(/_/g, '') === plain) ?? aliases[plain];
  if (found === undefined) throw invalid(`${quote(value)} is not one of ${allowed.join(', ')}`);
  return found;
}

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:".]{2,}$/;

export function email(value: string): string {
  if (EMAIL.test(value) && value.length <= TEXT_LENGTH) return value;
  const hint = /[,;]/.test(value) ? ' (one address per field)' : '';
  throw invalid(`${quote(value)} is not an e-mail address${hint}`);
}

const PHONE = /^\+?[0-9(][0-9 ()./-]*$/;

/** A phone number in any usual notation, with between 6 and 17 digits (E.164 allows 15, plus a trunk 0). */
export function phone(value: string): string {
  const digits = value.replace(/[^0-9]/g, '').length;
  if (PHONE.test(value) && digits >= 6 && digits <= 17) return value;
  throw invalid(`${quote(value)} is not a phone number`);
}

/** Codes people reach for that are not ISO 3166-1, with the one they meant. */
const COUNTRY_MIX_UPS: Record<string, string> = { UK: 'GB', EL: 'GR' };

export function countryCode(value: string): string {
  const code = value.toUpperCase();
  if (isCountryCode(code)) return code;
  const meant = COUNTRY_MIX_UPS[code];
  throw invalid(
    `${quote(value)} is not an ISO 3166-1 country code${meant ? `; use ${meant}` : ' (two letters: NL, BE, DE …)'}`,
  );
}

/** An ISO 639-1 language; a regional tag such as nl-BE or en_GB is read as its language. */
export function languageCode(value: string): string {
  const code = value.toLowerCase().split(/[-_]/)[0] as string;
  if (isLanguageCode(code)) return code;
  throw invalid(`${quote(value)} is not an ISO 639-1 language code (two letters: nl, en, de, fr …)`);
}

export function currencyCode(value: string): string {
  const code = value.toUpperCase();
  if (isCurrencyCode(code)) return code;
  throw new InvalidValueError('invalid_currency', notACurrency(value));
}

// Country prefix and up to 14 more characters covers the EU (at most 12) and CHE…MWST, NO…MVA.
const VAT = /^[A-Z]{2}[0-9A-Z+*]{2,14}$/;

/** A VAT number with its country prefix, stored without the spaces, dots and dashes people type. */
export function vatNumber(value: string): string {
  const compact = value.toUpperCase().replace(/[\s.-]/g, '');
  if (VAT.test(compact)) return compact;
  throw invalid(`${quote(value)} is not a VAT number (country prefix and number, e.g. NL123456789B01)`);
}

const REGISTRY_NUMBER = /^[0-9A-Za-z][0-9A-Za-z ./-]{0,29}$/;

/** A chamber-of-commerce or company-registry number: registries differ, so only its shape is checked. */
export function cocNumber(value: string): string {
  if (REGISTRY_NUMBER.test(value)) return value;
  throw invalid(`${quote(value)} is not a company registration number`);
}

const POSTAL_CODE = /^[0-9A-Za-z][0-9A-Za-z -]{0,11}$/;

export function postalCode(value: string): string {
  if (POSTAL_CODE.test(value)) return value;
  throw invalid(`${quote(value)} is not a postal code`);
}
