import { type Address, CHANNELS, type Contact, DEBTOR_TYPES } from '../debtors/debtor-types.ts';
import type { CsvColumn } from './csv-header.ts';
import { type RecordReader, readCsvRecords } from './csv-read.ts';
import type { CsvSource } from './csv-source.ts';
import { InvalidValueError, quote } from './errors.ts';
import {
  cocNumber,
  countryCode,
  email,
  key,
  languageCode,
  oneOf,
  phone,
  postalCode,
  readOptional,
  readRequired,
  text,
  vatNumber,
} from './field-checks.ts';
import type { DebtorImportRow } from './import-rows.ts';
import type { TextEncoding } from './text-decoders.ts';

/** The debtor CSV format: every column it knows, in the order the documentation lists them. */
export const DEBTOR_COLUMNS = [
  {
    name: 'debtor_number',
    required: true,
    description: "The ERP's debtor number, the key a re-import updates by (at most 64 characters).",
  },
  { name: 'name', required: true, description: 'Name of the company or person.' },
  {
    name: 'type',
    description: 'b2b (a business, the default) or b2c (a consumer): decides which late-payment rules apply.',
  },
  {
    name: 'vat_number',
    description:
      'VAT number with its country prefix, e.g. NL123456789B01; spaces, dots and dashes are removed.',
  },
  { name: 'coc_number', description: 'Chamber of commerce (company registry) number.' },
  { name: 'email', description: 'E-mail address that reminders go to.' },
  { name: 'phone', description: 'Phone number, best in international form: +31 20 123 4567.' },
  {
    name: 'language',
    description: 'ISO 639-1 language of letters and e-mails: nl, en, de, fr …; nl-BE is read as nl.',
  },
  {
    name: 'preferred_channel',
    description: 'How the debtor prefers to be reminded: email, letter, sms, whatsapp or phone.',
  },
  {
    name: 'address_line1',
    description: 'Street and number, or PO box; needed when any other address column is filled.',
  },
  { name: 'address_line2', description: 'Second address line.' },
  { name: 'postal_code', description: 'Postal code.' },
  { name: 'city', description: 'City.' },
  { name: 'region', description: 'State, province or region.' },
  { name: 'country', description: 'ISO 3166-1 alpha-2 country code, such as NL, BE, DE or GB.' },
  {
    name: 'parent_number',
    description: 'Debtor number of the parent debtor, to dun a group of debtors as one.',
  },
  { name: 'tags', description: 'Labels separated by |, e.g. key-account|export.' },
  { name: 'contact_name', description: 'Contact person for payment matters.' },
  { name: 'contact_email', description: "Contact person's e-mail address." },
  { name: 'contact_phone', description: "Contact person's phone number." },
] as const satisfies readonly CsvColumn[];

const ADDRESS_DETAILS = ['address_line2', 'postal_code', 'city', 'region', 'country'] as const;

/** Reads a debtor CSV file: one result per data row, in file order. */
export function readDebtorCsv(source: CsvSource, encoding?: TextEncoding): RecordReader<DebtorImportRow> {
  return readCsvRecords(source, DEBTOR_COLUMNS, debtorFromRow, encoding);
}

/** One debtor from a row's values; throws InvalidValueError naming the first bad column, in column order. */
export function debtorFromRow(values: Record<string, string>, line: number): DebtorImportRow {
  const number = readRequired(values, 'debtor_number', key);
  const debtor: DebtorImportRow = {
    line,
    number,
    name: readRequired(values, 'name', text),
    type: readOptional(values, 'type', (value) => oneOf(value, DEBTOR_TYPES)) ?? 'b2b',
    vatNumber: readOptional(values, 'vat_number', vatNumber),
    cocNumber: readOptional(values, 'coc_number', cocNumber),
    email: readOptional(values, 'email', email),
    phone: readOptional(values, 'phone', phone),
    language: readOptional(values, 'language', languageCode),
    preferredChannel: readOptional(values, 'preferred_channel', (value) => oneOf(value, CHANNELS)),
    addresses: optionalList(addressFromRow(values)),
    parentNumber: readOptional(values, 'parent_number', key),
    tags: readOptional(values, 'tags', tagList) ?? [],
    contacts: optionalList(contactFromRow(values)),
  };
  if (debtor.parentNumber === number) {
    throw new InvalidValueError(
      'invalid_value',
      `parent_number ${quote(number)} is the debtor itself`,
      'parent_number',
    );
  }
  return debtor;
}

const optionalList = <T>(item: T | undefined): T[] => (item === undefined ? [] : [item]);

function addressFromRow(values: Record<string, string>): Address | undefined {
  const address = {
    type: 'billing' as const,
    line1: readOptional(values, 'address_line1', text),
    line2: readOptional(values, 'address_line2', text),
    postalCode: readOptional(values, 'postal_code', postalCode),
    city: readOptional(values, 'city', text),
    region: readOptional(values, 'region', text),
    country: readOptional(values, 'country', countryCode),
  };
  if (address.line1 !== undefined) return { ...address, line1: address.line1 };
  const stray = ADDRESS_DETAILS.find((column) => values[column]);
  if (stray === undefined) return undefined;
  throw new InvalidValueError(
    'missing_value',
    `address_line1 is required when ${stray} is filled`,
    'address_line1',
  );
}

function contactFromRow(values: Record<string, string>): Contact | undefined {
  const contact: Contact = {
    name: readOptional(values, 'contact_name', text),
    email: readOptional(values, 'contact_email', email),
    phone: readOptional(values, 'contact_phone', phone),
  };
  return contact.name || contact.email || contact.phone ? contact : undefined;
}

/** "key-account | export|export" → ["key-account", "export"]. */
function tagList(value: string): string[] {
  const tags = new Set<string>();
  for (const tag of value.split('|')) {
    const trimmed = tag.trim();
    if (trimmed !== '') tags.add(key(trimmed));
  }
  return [...tags];
}
