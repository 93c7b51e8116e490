// Writes debtor and invoice records as CSV in Kredo's documented import column set: comma separated,
// decimal point, header row, RFC 4180 quoting, CRLF line ends. Rows stream to the file through
// pipeline(), which only pulls the next chunk when the file has taken the last, so a million rows
// from a lazy generator never pile up in memory.

import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DebtorImportRow, InvoiceImportRow } from '../imports/import-rows.ts';

export const DEBTOR_COLUMNS = [
  'debtor_number',
  'name',
  'type',
  'vat_number',
  'coc_number',
  'email',
  'phone',
  'language',
  'preferred_channel',
  'address_line1',
  'address_line2',
  'postal_code',
  'city',
  'region',
  'country',
  'parent_number',
  'tags',
  'contact_name',
  'contact_email',
  'contact_phone',
] as const;

export const INVOICE_COLUMNS = [
  'invoice_number',
  'document_type',
  'debtor_number',
  'issue_date',
  'due_date',
  'amount',
  'open_amount',
  'currency',
  'po_number',
  'payment_reference',
  'description',
] as const;

export interface WriteCsvOptions {
  /** Called with the running row count each time a chunk is handed to the file, for a progress bar. */
  onProgress?: (rowsWritten: number) => void;
}

type Rows<T> = Iterable<T> | AsyncIterable<T>;

// Lines are joined into chunks of about this size: one write per row would cost more in stream
// bookkeeping than in disk time.
const CHUNK_CHARS = 64 * 1024;

/**
 * Integer minor units as a decimal string with two decimals ("-125.50"), by string operations only,
 * so no amount ever passes through floating-point division.
 */
export function formatCents(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`amount must be integer minor units, got ${cents}`);
  const digits = String(Math.abs(cents)).padStart(3, '0');
  return `${cents < 0 ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** One field, quoted when it holds a comma, quote or line break; inner quotes doubled (RFC 4180). */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/** The import format carries one address and one contact: the billing (else first) address and the first contact. */
export function debtorRow(debtor: DebtorImportRow): string[] {
  const address = debtor.addresses.find((candidate) => candidate.type === 'billing') ?? debtor.addresses[0];
  const contact = debtor.contacts[0];
  for (const tag of debtor.tags) {
    if (tag.includes('|'))
      throw new RangeError(`debtor ${debtor.number}: tag "${tag}" contains the separator |`);
  }
  return [
    debtor.number,
    debtor.name,
    debtor.type,
    debtor.vatNumber ?? '',
    debtor.cocNumber ?? '',
    debtor.email ?? '',
    debtor.phone ?? '',
    debtor.language ?? '',
    debtor.preferredChannel ?? '',
    address?.line1 ?? '',
    address?.line2 ?? '',
    address?.postalCode ?? '',
    address?.city ?? '',
    address?.region ?? '',
    address?.country ?? '',
    debtor.parentNumber ?? '',
    debtor.tags.join('|'),
    contact?.name ?? '',
    contact?.email ?? '',
    contact?.phone ?? '',
  ];
}

export function invoiceRow(invoice: InvoiceImportRow): string[] {
  return [
    invoice.number,
    invoice.documentType,
    invoice.debtorNumber,
    invoice.issueDate,
    invoice.dueDate ?? '',
    formatCents(invoice.amount),
    formatCents(invoice.openAmount),
    invoice.currency ?? '',
    invoice.poNumber ?? '',
    invoice.paymentReference ?? '',
    invoice.description ?? '',
  ];
}

/** Writes the debtors to `path`, replacing the file; resolves with the number of data rows. */
export function writeDebtorsCsv(
  path: string,
  debtors: Rows<DebtorImportRow>,
  options: WriteCsvOptions = {},
): Promise<number> {
  return writeCsv(path, DEBTOR_COLUMNS, debtors, debtorRow, options);
}

/** Writes the invoices to `path`, replacing the file; resolves with the number of data rows. */
export function writeInvoicesCsv(
  path: string,
  invoices: Rows<InvoiceImportRow>,
  options: WriteCsvOptions = {},
): Promise<number> {
  return writeCsv(path, INVOICE_COLUMNS, invoices, invoiceRow, options);
}

async function writeCsv<T>(
  path: string,
  columns: readonly string[],
  records: Rows<T>,
  toRow: (record: T) => string[],
  { onProgress }: WriteCsvOptions,
): Promise<number> {
  let rows = 0;
  async function* chunks(): AsyncGenerator<string> {
    let chunk = csvLine(columns);
    for await (const record of records) {
      chunk += csvLine(toRow(record));
      rows += 1;
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk;
        chunk = '';
        onProgress?.(rows);
      }
    }
    if (chunk.length > 0) {
      yield chunk;
      onProgress?.(rows);
    }
  }
  await pipeline(Readable.from(chunks()), createWriteStream(path, { encoding: 'utf8' }));
  return rows;
}
