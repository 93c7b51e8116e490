import { DOCUMENT_TYPES, type DocumentType } from '../invoices/invoice-types.ts';
import type { CsvColumn } from './csv-header.ts';
import { type RecordReader, readCsvRecords } from './csv-read.ts';
import type { CsvSource } from './csv-source.ts';
import { parseDate } from './dates.ts';
import { InvalidValueError, quote } from './errors.ts';
import { currencyCode, key, oneOf, readOptional, readRequired, text } from './field-checks.ts';
import type { InvoiceImportRow } from './import-rows.ts';
import { isCurrencyCode } from './iso-codes.ts';
import { type AmountOptions, parseAmount } from './money.ts';
import type { TextEncoding } from './text-decoders.ts';

/** The invoice CSV format: every column it knows, in the order the documentation lists them. */
export const INVOICE_COLUMNS = [
  {
    name: 'invoice_number',
    required: true,
    description: "The ERP's document number, the key a re-import updates by (with document_type).",
  },
  {
    name: 'document_type',
    description: 'invoice (the default) or credit_note; credit and creditnote are read as credit_note.',
  },
  { name: 'debtor_number', required: true, description: 'Debtor number of the debtor the document is for.' },
  {
    name: 'issue_date',
    required: true,
    description: 'Document date: YYYY-MM-DD, DD-MM-YYYY, DD/MM/YYYY or DD.MM.YYYY.',
  },
  {
    name: 'due_date',
    description: "Due date, same formats; empty means the administration's payment term applies.",
  },
  {
    name: 'amount',
    required: true,
    description:
      'Total including VAT: 1234.56, 1.234,56 or 1 234,56; a credit note may be written with either sign.',
  },
  {
    name: 'open_amount',
    description: 'Part still to be paid, same sign as amount and no more than it; empty means all of it.',
  },
  { name: 'currency', description: "ISO 4217 code such as EUR; empty means the administration's currency." },
  { name: 'po_number', description: "The debtor's purchase order number." },
  {
    name: 'payment_reference',
    description: 'Payment reference the debtor should quote, such as a structured reference.',
  },
  { name: 'description', description: 'Short description shown to the debtor.' },
] as const satisfies readonly CsvColumn[];

export interface InvoiceCsvOptions extends AmountOptions {
  /** The administration's currency: amounts in rows without a currency are read in it. */
  defaultCurrency: string;
  /** The file's encoding, when its sender declared one; otherwise it is detected. */
  encoding?: TextEncoding;
}

const DOCUMENT_TYPE_ALIASES: Record<string, DocumentType> = { credit: 'credit_note' };

/** Reads an invoice CSV file: one result per data row, in file order. */
export function readInvoiceCsv(
  source: CsvSource,
  options: InvoiceCsvOptions,
): RecordReader<InvoiceImportRow> {
  // A wrong default currency is a set-up mistake, not a file problem: fail before reading anything.
  if (!isCurrencyCode(options.defaultCurrency)) {
    throw new RangeError(
      `defaultCurrency ${quote(options.defaultCurrency)} is not an upper-case ISO 4217 code`,
    );
  }
  return readCsvRecords(
    source,
    INVOICE_COLUMNS,
    (values, line) => invoiceFromRow(values, line, options),
    options.encoding,
  );
}

/**
 * One invoice or credit note from a row's values; throws InvalidValueError naming the first bad column.
 * A credit note's amounts are stored negative whichever sign the file used; an invoice keeps its sign,
 * since a negative invoice is how some ERPs correct one.
 */
export function invoiceFromRow(
  values: Record<string, string>,
  line: number,
  options: InvoiceCsvOptions,
): InvoiceImportRow {
  const number = readRequired(values, 'invoice_number', key);
  const documentType =
    readOptional(values, 'document_type', (value) => oneOf(value, DOCUMENT_TYPES, DOCUMENT_TYPE_ALIASES)) ??
    'invoice';
  const debtorNumber = readRequired(values, 'debtor_number', key);
  const issueDate = readRequired(values, 'issue_date', parseDate);
  const dueDate = readOptional(values, 'due_date', parseDate) ?? null;
  if (dueDate !== null && dueDate < issueDate) {
    throw new InvalidValueError(
      'invalid_date',
      `due date ${dueDate} is before the issue date ${issueDate}`,
      'due_date',
    );
  }
  // Columns are read in file order, but the amounts need the currency, so it is read first.
  const currency = readOptional(values, 'currency', currencyCode) ?? null;
  const readAmount = (value: string) => {
    const amount = parseAmount(value, currency ?? options.defaultCurrency, options);
    return documentType === 'credit_note' && amount > 0 ? -amount : amount;
  };
  const amount = readRequired(values, 'amount', readAmount);
  const openAmount = readOptional(values, 'open_amount', readAmount) ?? amount;
  const compared = () =>
    `open amount ${quote(values.open_amount ?? '')} and amount ${quote(values.amount ?? '')}`;
  if (amount !== 0 && openAmount !== 0 && Math.sign(openAmount) !== Math.sign(amount)) {
    throw new InvalidValueError('invalid_amount', `${compared()} have opposite signs`, 'open_amount');
  }
  if (Math.abs(openAmount) > Math.abs(amount)) {
    throw new InvalidValueError('invalid_amount', `${compared()}: the open amount is larger`, 'open_amount');
  }
  return {
    line,
    number,
    documentType,
    debtorNumber,
    issueDate,
    dueDate,
    amount,
    openAmount,
    currency,
    poNumber: readOptional(values, 'po_number', text),
    paymentReference: readOptional(values, 'payment_reference', text),
    description: readOptional(values, 'description', text),
  };
}
