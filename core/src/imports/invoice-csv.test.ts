import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { InvoiceImportRow, ReadResult } from './import-rows.ts';
import { INVOICE_COLUMNS, type InvoiceCsvOptions, readInvoiceCsv } from './invoice-csv.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const EUR: InvoiceCsvOptions = { defaultCurrency: 'EUR' };

async function all(
  source: Parameters<typeof readInvoiceCsv>[0],
  options = EUR,
): Promise<ReadResult<InvoiceImportRow>[]> {
  const results: ReadResult<InvoiceImportRow>[] = [];
  for await (const result of readInvoiceCsv(source, options)) results.push(result);
  return results;
}

const HEADER = 'invoice_number,document_type,debtor_number,issue_date,due_date,amount,open_amount,currency';

/** Reads one row under HEADER. */
async function row(values: string, options = EUR): Promise<ReadResult<InvoiceImportRow>> {
  const [result] = await all(`${HEADER}\n${values}\n`, options);
  return result as ReadResult<InvoiceImportRow>;
}

describe('INVOICE_COLUMNS', () => {
  it('documents every column once, in sentences', () => {
    const names = INVOICE_COLUMNS.map((column) => column.name);
    expect(new Set(names).size).toBe(names.length);
    expect(INVOICE_COLUMNS.filter((c) => 'required' in c).map((c) => c.name)).toEqual([
      'invoice_number',
      'debtor_number',
      'issue_date',
      'amount',
    ]);
    for (const column of INVOICE_COLUMNS) expect(column.description).toMatch(/^\S.*\.$/);
  });
});

describe('readInvoiceCsv', () => {
  it('reads the semicolon fixture: BOM, decimal comma, day-first dates, credit notes', async () => {
    const reader = readInvoiceCsv(createReadStream(fixture('invoices-semicolon.csv')), EUR);
    const results: ReadResult<InvoiceImportRow>[] = [];
    for await (const result of reader) results.push(result);
    expect(reader.warnings).toEqual([
      { line: 1, field: 'sales_rep', message: 'column "sales_rep" is not a known column and is ignored' },
    ]);
    const base = { currency: null, dueDate: null, documentType: 'invoice' };
    expect(results).toEqual([
      {
        ok: true,
        record: {
          ...base,
          line: 2,
          number: '2024-0001',
          debtorNumber: 'D-100',
          issueDate: '2024-01-15',
          dueDate: '2024-02-14',
          amount: 123456,
          openAmount: 23456,
          poNumber: 'PO-1',
          paymentReference: 'RF18 5390 0754 7034',
          description: 'Januari levering',
        },
      },
      {
        ok: true,
        record: {
          ...base,
          line: 3,
          number: '2024-0001',
          documentType: 'credit_note',
          debtorNumber: 'D-100',
          issueDate: '2024-01-20',
          amount: -10000,
          openAmount: -10000,
          description: 'Creditnota; retour "doos" 3',
        },
      },
      {
        ok: true,
        record: {
          ...base,
          line: 4,
          number: '2024-0002',
          debtorNumber: 'D-200',
          issueDate: '2024-02-01',
          amount: 1234567890,
          openAmount: 1234567890,
          currency: 'EUR',
          description: 'Meerregelige\nomschrijving',
        },
      },
      {
        ok: true,
        record: {
          ...base,
          line: 6,
          number: '2024-0003',
          debtorNumber: 'D-200',
          issueDate: '2024-02-29',
          dueDate: '2024-03-30',
          amount: -5000,
          openAmount: -2000,
          description: 'Correctie',
        },
      },
      {
        ok: true,
        record: {
          ...base,
          line: 9,
          number: '2024-0004',
          documentType: 'credit_note',
          debtorNumber: 'D-300',
          issueDate: '2024-03-01',
          dueDate: '2024-03-01',
          amount: -100000,
          openAmount: -25000,
          description: 'Deels verrekend',
        },
      },
      {
        ok: true,
        record: {
          ...base,
          line: 10,
          number: '2024-0005',
          debtorNumber: 'D-300',
          issueDate: '2024-03-04',
          amount: 1500,
          openAmount: 1500,
          currency: 'JPY',
          description: 'Yen',
        },
      },
    ]);
  });

  it('rejects each bad row of the comma fixture, naming line, column and value', async () => {
    const results = await all(createReadStream(fixture('invoices-bad-rows.csv')));
    const outcome = results.map((r) =>
      r.ok
        ? `${r.record.line} ok ${r.record.amount}`
        : `${r.error.line} ${r.error.field ?? '(row)'}: ${r.error.message}`,
    );
    expect(outcome).toEqual([
      '2 ok 123456',
      '3 issue_date: date "2024-02-30" does not exist',
      '4 due_date: due date 2024-02-01 is before the issue date 2024-03-01',
      '5 amount: amount "10.0051" has 4 decimals where EUR has 2',
      '6 open_amount: open amount "150.00" and amount "100.00": the open amount is larger',
      '7 open_amount: open amount "-1.00" and amount "100.00" have opposite signs',
      '8 document_type: "refund" is not one of invoice, credit_note',
      '9 debtor_number: debtor_number is required',
      '10 amount: amount "1.500" is ambiguous (a thousands separator or a decimal one?): write amounts with 2 decimals',
      '11 currency: "EURO" is not an ISO 4217 currency code',
      '12 (row): row has 9 values where the header has 8 columns (a value containing the delimiter needs quotes around it)',
      '13 amount: amount "\\"12.00\\"x" is not a number',
      '14 ok 1200',
    ]);
  });

  it('stores a credit note negative whichever sign the file uses', async () => {
    for (const [amount, open] of [
      ['100.00', '40.00'],
      ['-100.00', '-40.00'],
      ['100.00', '-40.00'],
    ]) {
      expect(await row(`C1,credit_note,D1,2024-01-01,,${amount},${open},`)).toMatchObject({
        ok: true,
        record: { documentType: 'credit_note', amount: -10000, openAmount: -4000 },
      });
    }
    expect(await row('C1,Credit-Note,D1,2024-01-01,,100.00,,')).toMatchObject({
      record: { amount: -10000, openAmount: -10000 },
    });
  });

  it('keeps a negative invoice negative, as a correction', async () => {
    expect(await row('I1,invoice,D1,2024-01-01,,-100.00,0,')).toMatchObject({
      ok: true,
      record: { amount: -10000, openAmount: 0 },
    });
    expect(await row('I1,,D1,2024-01-01,,-100.00,20.00,')).toMatchObject({
      ok: false,
      error: { field: 'open_amount' },
    });
  });

  it('reads amounts in the row currency, or else in the default one', async () => {
    expect(await row('I1,,D1,2024-01-01,,"1.234,500",,kwd')).toMatchObject({
      record: { amount: 1234500, currency: 'KWD' },
    });
    expect(await row('I1,,D1,2024-01-01,,1500,,', { defaultCurrency: 'JPY' })).toMatchObject({
      record: { amount: 1500, currency: null },
    });
    expect(await row('I1,,D1,2024-01-01,,"1,50",,', { defaultCurrency: 'JPY' })).toMatchObject({
      ok: false,
      error: { field: 'amount' },
    });
  });

  it('lets the caller fix the decimal separator for a whole file', async () => {
    expect(
      await row('I1,,D1,2024-01-01,,1.500,,', { defaultCurrency: 'EUR', decimalSeparator: ',' }),
    ).toMatchObject({
      record: { amount: 150000 },
    });
  });

  it('fails at once on a default currency that is not an ISO code', () => {
    expect(() => readInvoiceCsv('', { defaultCurrency: 'eur' })).toThrow(RangeError);
    expect(() => readInvoiceCsv('', { defaultCurrency: 'XYZ' })).toThrow(
      'defaultCurrency "XYZ" is not an upper-case ISO 4217 code',
    );
  });

  it('refuses a header without the required columns', async () => {
    await expect(all('invoice_number;amount\n1;2\n')).rejects.toMatchObject({
      code: 'missing_columns',
      details: { columns: ['debtor_number', 'issue_date'] },
    });
  });
});
