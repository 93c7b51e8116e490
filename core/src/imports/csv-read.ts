import { pipeline, Readable } from 'node:stream';
import { type CastingContext, type CsvError, type Options, parse } from 'csv-parse';
import {
  type CsvColumn,
  detectDelimiter,
  type HeaderLayout,
  layoutHeader,
  normaliseColumnName,
} from './csv-header.ts';
import { type CsvSource, openCsvSource } from './csv-source.ts';
import { ImportFileError, readResult } from './errors.ts';
import type { ReadResult, RowError, RowWarning } from './import-rows.ts';
import type { TextEncoding } from './text-decoders.ts';
import type { EncodingChoice } from './text-encoding.ts';

/** One data row: its first line in the file (the header is line 1) and its known columns, trimmed. */
export interface CsvRow {
  line: number;
  values: Record<string, string>;
}

/**
 * What a reader returns: iterate it for one result per row. `warnings` (unknown columns) is filled once
 * the header has been read, so it is complete by the time the first result arrives; `encoding` is
 * final once every row has been read.
 */
export type RecordReader<T> = AsyncGenerator<ReadResult<T>, void> & {
  readonly warnings: RowWarning[];
  readonly encoding: EncodingChoice;
};

/**
 * Reads a CSV file row by row, streaming: delimiter detected from the header, in the `declared` encoding
 * or else one found from a byte-order mark or the bytes (imports/text-encoding.ts), blank rows skipped.
 * A row that cannot be split into values (a broken quote, too many values) is yielded as an error and
 * reading goes on; a header without the required columns throws ImportFileError.
 */
export function readCsv(
  source: CsvSource,
  columns: readonly CsvColumn[],
  declared?: TextEncoding,
): RecordReader<CsvRow> {
  const warnings: RowWarning[] = [];
  const encoding: EncodingChoice = declared
    ? { encoding: declared, chosenBy: 'declared' }
    : { encoding: 'utf-8', chosenBy: 'detected' };
  return Object.assign(csvRows(source, columns, warnings, encoding), { warnings, encoding });
}

/** readCsv, with each row's values turned into a record by `toRecord` (which throws InvalidValueError). */
export function readCsvRecords<T>(
  source: CsvSource,
  columns: readonly CsvColumn[],
  toRecord: (values: Record<string, string>, line: number) => T,
  declared?: TextEncoding,
): RecordReader<T> {
  const rows = readCsv(source, columns, declared);
  async function* records(): AsyncGenerator<ReadResult<T>, void> {
    for await (const row of rows) {
      yield row.ok ? readResult(row.record.line, () => toRecord(row.record.values, row.record.line)) : row;
    }
  }
  return Object.assign(records(), { warnings: rows.warnings, encoding: rows.encoding });
}

type Parsed = ReadResult<CsvRow> | ReadResult<CsvRow>[];

async function* csvRows(
  source: CsvSource,
  columns: readonly CsvColumn[],
  warnings: RowWarning[],
  encoding: EncodingChoice,
): AsyncGenerator<ReadResult<CsvRow>, void> {
  const { headerLine, chunks } = await openCsvSource(source, encoding);
  let layout: HeaderLayout | undefined;
  let headerNames: string[] = [];
  // Rows csv-parse had to skip, held until the next good row so that results stay in file order.
  let skipped: ReadResult<CsvRow>[] = [];
  // csv-parse counts a CRLF inside a quoted value as two lines; `drift` is how far its count has run ahead.
  let drift = 0;
  let lastLines = 0;
  let lastEmptyLines = 0;

  // Runs synchronously in file order inside the parser, which is why the line bookkeeping lives here.
  const onRecord = (record: string[], context: CastingContext): Parsed | null => {
    let end = context.lines - drift;
    let start = end;
    if (context.lines - lastLines > 1) {
      // Only a record that spans lines (or follows skipped ones) pays for a scan of its values.
      const { breaks, crlf } = lineBreaks(record);
      drift += crlf;
      end -= crlf;
      start = end - breaks;
    }
    lastLines = context.lines;
    lastEmptyLines = context.empty_lines;
    if (layout === undefined) {
      layout = layoutHeader(record, columns, start);
      headerNames = record.map(normaliseColumnName);
      warnings.push(...layout.warnings);
      return null;
    }
    const row = toRow(record, start, layout);
    if (skipped.length === 0) return row;
    const parsed = row === null ? skipped : [...skipped, row];
    skipped = [];
    return parsed;
  };

  const onSkip = (error: CsvError | undefined): undefined => {
    if (error === undefined) return;
    const unclosed = error.code === 'CSV_QUOTE_NOT_CLOSED';
    // An unclosed quote is only noticed at the end of the file; the row it broke began after the last good one.
    const line = unclosed
      ? lastLines - drift + 1 + (error.empty_lines - lastEmptyLines)
      : error.lines - drift;
    if (layout === undefined) {
      throw new ImportFileError('bad_header', `the header line cannot be read: ${error.message}`, { line });
    }
    const rowError: RowError = { line, message: describeCsvError(error) };
    const field = typeof error.column === 'number' ? headerNames[error.column] : undefined;
    if (field) rowError.field = field;
    skipped.push({ ok: false, error: rowError });
  };

  const options: Options = {
    delimiter: detectDelimiter(headerLine),
    bom: true,
    relax_column_count: true,
    // A lone quote inside a value (`24" monitor`) is kept as text rather than failing the row.
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: onSkip,
    // csv-parse types on_record as returning a row of the same shape; ours returns results instead.
    on_record: onRecord as unknown as Options['on_record'],
  };
  const parser = parse(options);
  pipeline(Readable.from(chunks), parser, () => {
    // A failing source destroys the parser with the same error, which the loop below rethrows.
  });
  for await (const parsed of parser as AsyncIterable<Parsed>) {
    if (Array.isArray(parsed)) yield* parsed;
    else yield parsed;
  }
  if (layout === undefined) {
    throw new ImportFileError('empty_file', 'the file is empty: expected a header line with column names');
  }
  yield* skipped;
}

function toRow(record: string[], line: number, layout: HeaderLayout): ReadResult<CsvRow> | null {
  if (isBlank(record)) return null;
  // More values than columns is nearly always a value with the delimiter in it and no quotes, such as
  // 1,50 in a comma-separated file: every later value has shifted, so the row cannot be trusted.
  // Fewer values is an exporter leaving out empty trailing ones, and is read as such.
  if (record.length > layout.width) {
    const message =
      `row has ${record.length} values where the header has ${layout.width} columns ` +
      '(a value containing the delimiter needs quotes around it)';
    return { ok: false, error: { line, message } };
  }
  const values: Record<string, string> = {};
  const { indexes, names } = layout;
  for (let i = 0; i < indexes.length; i++) {
    values[names[i] as string] = (record[indexes[i] as number] ?? '').trim();
  }
  return { ok: true, record: { line, values } };
}

/** A row of nothing but delimiters (`;;;;`), as spreadsheets write below the data. */
function isBlank(record: string[]): boolean {
  if ((record[0] ?? '').trim() !== '') return false;
  return record.every((value) => value.trim() === '');
}

function lineBreaks(record: string[]): { breaks: number; crlf: number } {
  let breaks = 0;
  let crlf = 0;
  for (const value of record) {
    if (value.indexOf('\n') === -1 && value.indexOf('\r') === -1) continue;
    for (let i = 0; i < value.length; i++) {
      const code = value.charCodeAt(i);
      if (code === 13 && value.charCodeAt(i + 1) === 10) {
        crlf++;
        breaks++;
        i++;
      } else if (code === 10 || code === 13) {
        breaks++;
      }
    }
  }
  return { breaks, crlf };
}

function describeCsvError(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted value starting here is never closed, so the rest of the file could not be read';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quoted value is followed by more text; write a quote inside a quoted value as ""';
    default:
      return error.message;
  }
}
