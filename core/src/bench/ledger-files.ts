// The files the import benchmark reads: a generated debtor CSV and invoice CSV in Kredo's documented
// import format, and the same invoices already converted to the `invoice` table's columns in COPY's
// text format, for the baseline. All are written before anything is timed.

import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { generateDebtors, generateInvoices, writeDebtorsCsv, writeInvoicesCsv } from '../demo/index.ts';
import type { InvoiceImportRow } from '../imports/import-rows.ts';
import { dueDateOf } from '../invoices/due-date.ts';
import { newId } from '../shared/ids.ts';
import { stepProgress } from './step-progress.ts';

export interface BenchLedger {
  seed: number;
  /** Pinned, so the same --rows gives the same files on any day. */
  today: string;
  debtorCount: number;
  rows: number;
}

// About 50 documents per debtor over the generator's 14 months: a wholesale ledger's proportions.
const INVOICES_PER_DEBTOR = 50;

export function benchLedger(rows: number): BenchLedger {
  return {
    seed: 7,
    today: '2026-11-20',
    debtorCount: Math.max(100, Math.round(rows / INVOICES_PER_DEBTOR)),
    rows,
  };
}

/** Writes debtors.csv and invoices.csv into `dir`, with progress on the invoices. */
export async function writeLedgerCsvs(
  dir: string,
  ledger: BenchLedger,
  log: (line: string) => void,
): Promise<{ debtors: string; invoices: string }> {
  const debtors = join(dir, 'debtors.csv');
  const invoices = join(dir, 'invoices.csv');
  await writeDebtorsCsv(debtors, generateDebtors(ledger));
  const progress = stepProgress('Generating invoices.csv', ledger.rows, log);
  try {
    await writeInvoicesCsv(invoices, generateInvoices({ ...ledger, count: ledger.rows }), {
      onProgress: (rows) => progress.update(rows, rows),
    });
  } finally {
    progress.stop();
  }
  return { debtors, invoices };
}

/** Every column of `invoice` but the two timestamps, which default to now() on both sides. */
export const COPY_COLUMNS = [
  'id',
  'tenant_id',
  'administration_id',
  'debtor_id',
  'number',
  'document_type',
  'issue_date',
  'due_date',
  'amount',
  'open_amount',
  'currency',
  'status',
  'po_number',
  'payment_reference',
  'description',
] as const;

export interface CopyContext {
  tenantId: string;
  administrationId: string;
  currency: string;
  paymentTermDays: number;
  /** Debtor id by debtor number, as the debtor import stored them. */
  debtorIds: ReadonlyMap<string, string>;
}

/**
 * Writes the invoices as rows of COPY_COLUMNS, deriving what the importer derives (id, debtor id,
 * due date from the payment term, currency default, status from the open amount), so both sides
 * end with the same rows.
 */
export async function writeCopyFile(
  path: string,
  ledger: BenchLedger,
  context: CopyContext,
  log: (line: string) => void,
) {
  const progress = stepProgress('Converting invoices for COPY', ledger.rows, log);
  async function* chunks(): AsyncGenerator<string> {
    let chunk = '';
    let rows = 0;
    for (const invoice of generateInvoices({ ...ledger, count: ledger.rows })) {
      chunk += copyLine(invoice, context);
      rows++;
      if (chunk.length >= 1 << 16) {
        yield chunk;
        chunk = '';
        progress.update(rows, rows);
      }
    }
    yield chunk;
  }
  try {
    await pipeline(Readable.from(chunks()), createWriteStream(path, { encoding: 'utf8' }));
  } finally {
    progress.stop();
  }
}

function copyLine(invoice: InvoiceImportRow, context: CopyContext): string {
  const debtorId = context.debtorIds.get(invoice.debtorNumber);
  if (!debtorId) throw new Error(`debtor ${invoice.debtorNumber} was not imported`);
  const fields = [
    newId('invoice'),
    context.tenantId,
    context.administrationId,
    debtorId,
    invoice.number,
    invoice.documentType,
    invoice.issueDate,
    dueDateOf(invoice.issueDate, invoice.dueDate, context.paymentTermDays),
    String(invoice.amount),
    String(invoice.openAmount),
    invoice.currency ?? context.currency,
    invoice.openAmount === 0 ? 'paid' : 'open',
    invoice.poNumber,
    invoice.paymentReference,
    invoice.description,
  ];
  return `${fields.map(copyText).join('\t')}\n`;
}

/** A value in COPY's text format: \N for null, and backslash, tab and line breaks escaped. */
function copyText(value: string | undefined): string {
  if (value === undefined) return '\\N';
  return value.replace(
    /[\\\t\n\r]/g,
    (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] as string,
  );
}
