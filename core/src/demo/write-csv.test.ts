import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DebtorImportRow, InvoiceImportRow } from '../imports/import-rows.ts';
import { generateDebtors, generateInvoices } from './generate-ledger.ts';
import {
  csvLine,
  DEBTOR_COLUMNS,
  formatCents,
  INVOICE_COLUMNS,
  invoiceRow,
  writeDebtorsCsv,
  writeInvoicesCsv,
} from './write-csv.ts';

const OPTIONS = { seed: 99, debtorCount: 300, count: 3_000, today: '2026-03-14' };
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kredo-demo-csv-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

type Row = Record<string, string>;
const parseRows = (text: string): { record: Row; info: { lines: number } }[] =>
  parse(text, { columns: true, info: true, skip_empty_lines: true });

/** Decimal text back to integer cents by string operations, the way an importer should. */
function parseCents(text: string): number {
  const match = /^(-?)(\d+)\.(\d{2})$/.exec(text);
  if (!match) throw new Error(`not an amount: ${text}`);
  const cents = Number(match[2]) * 100 + Number(match[3]);
  return match[1] === '-' ? -cents : cents;
}

const optional = <K extends string>(key: K, value: string | undefined) =>
  (value ? { [key]: value } : {}) as Partial<Record<K, string>>;

describe('formatCents', () => {
  it('writes integer minor units with two decimals and a sign', () => {
    expect(formatCents(0)).toBe('0.00');
    expect(formatCents(5)).toBe('0.05');
    expect(formatCents(-5)).toBe('-0.05');
    expect(formatCents(99)).toBe('0.99');
    expect(formatCents(100)).toBe('1.00');
    expect(formatCents(-12550)).toBe('-125.50');
    expect(formatCents(123456789012)).toBe('1234567890.12');
    expect(formatCents(Number.MAX_SAFE_INTEGER)).toBe('90071992547409.91');
  });

  it('refuses anything but a safe integer', () => {
    expect(() => formatCents(1.5)).toThrow(RangeError);
    expect(() => formatCents(Number.NaN)).toThrow(RangeError);
    expect(() => formatCents(2 ** 60)).toThrow(RangeError);
  });
});

describe('csvLine', () => {
  it('quotes only what needs it and survives a csv-parse round trip', () => {
    const awkward = [
      'plain',
      'a,b',
      'say "hi"',
      'two\nlines',
      'cr\r\nlf',
      '',
      ' padded ',
      '"',
      'Müller & Söhne',
    ];
    const line = csvLine(awkward);
    expect(line.startsWith('plain,"a,b","say ""hi""",')).toBe(true);
    expect(line.endsWith('\r\n')).toBe(true);
    expect(parse(line, { relax_column_count: false })).toEqual([awkward]);
  });
});

describe('writeDebtorsCsv and writeInvoicesCsv', () => {
  it('write the documented columns and round-trip every generated record', async () => {
    const debtors = Array.from(generateDebtors(OPTIONS));
    const invoices = Array.from(generateInvoices(OPTIONS));
    const debtorPath = join(dir, 'debtors.csv');
    const invoicePath = join(dir, 'invoices.csv');
    expect(await writeDebtorsCsv(debtorPath, debtors)).toBe(debtors.length);
    expect(await writeInvoicesCsv(invoicePath, generateInvoices(OPTIONS))).toBe(invoices.length);

    const debtorText = await readFile(debtorPath, 'utf8');
    const invoiceText = await readFile(invoicePath, 'utf8');
    expect(debtorText.split('\r\n')[0]).toBe(DEBTOR_COLUMNS.join(','));
    expect(invoiceText.split('\r\n')[0]).toBe(INVOICE_COLUMNS.join(','));

    const readDebtors = parseRows(debtorText).map(
      ({ record: r, info }): DebtorImportRow => ({
        line: info.lines,
        number: r.debtor_number ?? '',
        name: r.name ?? '',
        type: r.type === 'b2c' ? 'b2c' : 'b2b',
        ...optional('vatNumber', r.vat_number),
        ...optional('cocNumber', r.coc_number),
        ...optional('email', r.email),
        ...optional('phone', r.phone),
        ...optional('language', r.language),
        ...(r.preferred_channel
          ? { preferredChannel: r.preferred_channel as DebtorImportRow['preferredChannel'] }
          : {}),
        addresses: [
          {
            type: 'billing',
            line1: r.address_line1 ?? '',
            ...optional('line2', r.address_line2),
            ...optional('postalCode', r.postal_code),
            ...optional('city', r.city),
            ...optional('region', r.region),
            ...optional('country', r.country),
          },
        ],
        contacts: r.contact_name
          ? [
              {
                name: r.contact_name,
                ...optional('email', r.contact_email),
                ...optional('phone', r.contact_phone),
              },
            ]
          : [],
        tags: r.tags ? r.tags.split('|') : [],
        ...optional('parentNumber', r.parent_number),
      }),
    );
    expect(readDebtors).toEqual(debtors);

    const readInvoices = parseRows(invoiceText).map(
      ({ record: r, info }): InvoiceImportRow => ({
        line: info.lines,
        number: r.invoice_number ?? '',
        documentType: r.document_type === 'credit_note' ? 'credit_note' : 'invoice',
        debtorNumber: r.debtor_number ?? '',
        issueDate: r.issue_date ?? '',
        dueDate: r.due_date || null,
        amount: parseCents(r.amount ?? ''),
        openAmount: parseCents(r.open_amount ?? ''),
        currency: r.currency || null,
        ...optional('poNumber', r.po_number),
        ...optional('paymentReference', r.payment_reference),
        ...optional('description', r.description),
      }),
    );
    expect(readInvoices).toEqual(invoices);
    // The sample must actually exercise quoting for the round trip to prove it.
    expect(invoiceText).toMatch(/"Meerwerk project ""[^"]+"""/);
  });

  it('streams with backpressure: the source never runs far ahead of what is on disk', async () => {
    const total = 200_000;
    const path = join(dir, 'large.csv');
    let producedBytes = 0;
    let maxAheadBytes = 0;
    function* measured(): Generator<InvoiceImportRow> {
      let index = 0;
      for (const invoice of generateInvoices({ ...OPTIONS, count: total })) {
        producedBytes += Buffer.byteLength(csvLine(invoiceRow(invoice)));
        if (++index % 1_000 === 0) {
          const onDisk = existsSync(path) ? statSync(path).size : 0;
          maxAheadBytes = Math.max(maxAheadBytes, producedBytes - onDisk);
        }
        yield invoice;
      }
    }
    const progress: number[] = [];
    const written = await writeInvoicesCsv(path, measured(), { onProgress: (rows) => progress.push(rows) });

    expect(written).toBe(total);
    const size = statSync(path).size;
    expect(size).toBeGreaterThan(20 * 1024 * 1024);
    // Only a few buffered chunks may sit between the generator and the file, not the whole file.
    expect(maxAheadBytes).toBeLessThan(4 * 1024 * 1024);
    expect(progress.length).toBeGreaterThan(100);
    expect(progress.at(-1)).toBe(total);
    expect(progress.every((rows, i) => i === 0 || rows > (progress[i - 1] as number))).toBe(true);
    const text = await readFile(path, 'utf8');
    expect(text.split('\r\n').length).toBe(total + 2);
  });

  it('refuses a tag that would break the pipe-separated list', async () => {
    const [debtor] = generateDebtors({ ...OPTIONS, debtorCount: 1 });
    if (!debtor) throw new Error('no debtor generated');
    await expect(writeDebtorsCsv(join(dir, 'bad.csv'), [{ ...debtor, tags: ['a|b'] }])).rejects.toThrow(
      /separator/,
    );
  });
});
