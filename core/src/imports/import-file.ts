import { getAdministration } from '../administrations/administration-service.ts';
import type { Orm } from '../db/orm.ts';
import { tenantEm, withTenantClient } from '../db/tenant-scope.ts';
import { type MergeCounts, mergeDebtors, prepareDebtorStaging } from '../debtors/debtor-merge.ts';
import { mergeInvoices, newInvoiceImportRun, prepareInvoiceStaging } from '../invoices/invoice-merge.ts';
import type { RecordReader } from './csv-read.ts';
import type { CsvSource } from './csv-source.ts';
import { readDebtorCsv } from './debtor-csv.ts';
import type { DebtorImportRow, InvoiceImportRow, ReadResult, RowError } from './import-rows.ts';
import { add, emptySummary, reject } from './import-summary.ts';
import { importUbl } from './import-ubl.ts';
import { readInvoiceCsv } from './invoice-csv.ts';
import { encodingName, type TextEncoding } from './text-decoders.ts';

export type ImportFormat = 'debtors' | 'invoices' | 'ubl';

export interface ImportOptions {
  orm: Orm;
  tenantId: string;
  administrationId: string;
  format: ImportFormat;
  /** A CSV file's encoding, as its sender declared it; without one it is detected. */
  encoding?: TextEncoding;
  /** Called after every batch with the rows read so far. */
  onProgress?: (rowsRead: number) => void;
  batchSize?: number;
}

export interface ImportSummary {
  format: ImportFormat;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Every rejected row, with its line (CSV) or document number (UBL) and the reason. */
  errors: RowError[];
  warnings: string[];
  /** CSV only: the encoding the file was read in (declared, from its byte-order mark, or detected). */
  encoding?: TextEncoding;
  /** UBL only: debtors created or updated from the documents' buyers. */
  debtors?: MergeCounts;
}

const DEFAULT_BATCH = 20_000;

/**
 * Imports one file into one administration, in one transaction: read rows → reject bad and duplicate
 * ones → stage each batch with COPY → merge by the ERP's keys (create, update, or leave unchanged) →
 * summarise. Re-importing the same file changes nothing; a bad row is reported, never silently dropped.
 */
export async function importFile(source: CsvSource, options: ImportOptions): Promise<ImportSummary> {
  if (options.format === 'ubl') return importUbl(source, options);
  const administration = await getAdministration(
    tenantEm(options.orm, options.tenantId),
    options.administrationId,
  );
  const reader =
    options.format === 'debtors'
      ? readDebtorCsv(source, options.encoding)
      : readInvoiceCsv(source, { defaultCurrency: administration.currency, encoding: options.encoding });
  const summary = await importRecords(reader, options, () => [
    ...encodingWarning(reader.encoding),
    ...reader.warnings.map((w) => (w.line ? `line ${w.line}: ${w.message}` : w.message)),
  ]);
  return { ...summary, encoding: reader.encoding.encoding };
}

/** A guessed encoding is worth a word: the person importing can declare it and be sure. */
function encodingWarning({ encoding, chosenBy }: RecordReader<unknown>['encoding']): string[] {
  if (chosenBy !== 'detected' || encoding === 'utf-8') return [];
  return [
    `the file is not UTF-8: it was read as ${encodingName(encoding)}, judged from its bytes ` +
      '(declare the encoding to be sure: charset in the Content-Type, --encoding on the command line)',
  ];
}

/**
 * The same import for records that arrive already read (the bulk API): `results` in source order,
 * each a record or the reason its row was rejected.
 */
export async function importRecords(
  results:
    | AsyncIterable<ReadResult<DebtorImportRow | InvoiceImportRow>>
    | Iterable<ReadResult<DebtorImportRow | InvoiceImportRow>>,
  options: ImportOptions,
  warnings: () => string[] = () => [],
): Promise<ImportSummary> {
  const administration = await getAdministration(
    tenantEm(options.orm, options.tenantId),
    options.administrationId,
  );
  const summary = emptySummary(options.format);
  const isDebtors = options.format === 'debtors';
  await withTenantClient(options.orm, options.tenantId, async (client) => {
    await (isDebtors ? prepareDebtorStaging(client) : prepareInvoiceStaging(client));
    const run = newInvoiceImportRun();
    const keyOf = isDebtors
      ? (r: DebtorImportRow | InvoiceImportRow) => r.number
      : (r: DebtorImportRow | InvoiceImportRow) => `${(r as InvoiceImportRow).documentType}:${r.number}`;
    const merge = (records: (DebtorImportRow | InvoiceImportRow)[]) =>
      isDebtors
        ? mergeDebtors(client, administration.id, records as DebtorImportRow[])
        : mergeInvoices(client, administration.id, administration, records as InvoiceImportRow[], run);
    // Reading the next batch overlaps with merging this one: parsing is CPU work in Node, merging is
    // PostgreSQL's, so the two proceed side by side on separate cores.
    let merging: Promise<void> = Promise.resolve();
    let rowsRead = 0;
    try {
      for await (const batch of batches(
        results,
        keyOf,
        isDebtors ? 'debtor_number' : 'invoice_number',
        (e) => reject(summary, e),
        options.batchSize ?? DEFAULT_BATCH,
      )) {
        await merging;
        rowsRead += batch.rowsRead;
        const read = rowsRead;
        merging = merge(batch.records).then((counts) => {
          add(summary, counts);
          options.onProgress?.(read);
        });
        // A failed merge must not go unobserved while the next batch is read; it is rethrown below.
        merging.catch(() => {});
      }
    } catch (error) {
      // Reading failed (the size limit, a bad byte) while a batch was merging: let that merge end
      // before the transaction is rolled back, or its remaining statements would run after the
      // rollback, outside any transaction, on a connection already back in the pool.
      await merging.catch(() => {});
      throw error;
    }
    await merging;
  });
  summary.warnings.push(...warnings());
  summary.errors.sort((a, b) => a.line - b.line);
  return summary;
}

/** Groups good records into batches, rejecting a key seen earlier in the same file (the first one wins). */
async function* batches<T extends { number: string; line: number }>(
  results: AsyncIterable<ReadResult<T>> | Iterable<ReadResult<T>>,
  keyOf: (record: T) => string,
  keyColumn: string,
  reject: (error: RowError) => void,
  size: number,
): AsyncGenerator<{ records: T[]; rowsRead: number }> {
  const firstLine = new Map<string, number>();
  let records: T[] = [];
  let rowsRead = 0;
  for await (const result of results) {
    rowsRead++;
    if (!result.ok) {
      reject(result.error);
      continue;
    }
    const key = keyOf(result.record);
    const earlier = firstLine.get(key);
    if (earlier !== undefined) {
      reject({
        line: result.record.line,
        field: keyColumn,
        message: `${result.record.number} already appears on line ${earlier}`,
      });
      continue;
    }
    firstLine.set(key, result.record.line);
    records.push(result.record);
    if (records.length >= size) {
      yield { records, rowsRead };
      records = [];
      rowsRead = 0;
    }
  }
  if (records.length > 0 || rowsRead > 0) yield { records, rowsRead };
}
