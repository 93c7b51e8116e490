import { statusOf } from '../shared/error-codes.ts';
import { DomainError } from '../shared/errors.ts';
import type { ReadResult, RowError } from './import-rows.ts';

export type InvalidValueCode =
  | 'invalid_amount'
  | 'invalid_currency'
  | 'invalid_date'
  | 'invalid_value'
  | 'missing_value';
export type ImportFileCode =
  | 'empty_file'
  | 'not_utf8'
  | 'bad_encoding'
  | 'not_text'
  | 'bad_header'
  | 'missing_columns'
  | 'duplicate_columns'
  | 'not_ubl'
  | 'bad_xml';

/** Longest value quoted back in a message: enough to recognise it, short enough for a report line. */
const QUOTE_LIMIT = 60;

/** A value in double quotes, shortened, so stray spaces and empty strings stay visible in reports. */
export function quote(value: string): string {
  return JSON.stringify(value.length > QUOTE_LIMIT ? `${value.slice(0, QUOTE_LIMIT)}…` : value);
}

/**
 * One value that cannot be read (an amount, a date, an e-mail address). Readers catch it and turn it
 * into a RowError naming the column, so one bad cell rejects its row and never the whole file.
 */
export class InvalidValueError extends DomainError {
  override name = 'InvalidValueError';
  /** The column or XML field, once known: parsers of single values leave it to the reader. */
  readonly field: string | undefined;

  constructor(code: InvalidValueCode, message: string, field?: string) {
    super(code, statusOf(code), message, field === undefined ? undefined : { field });
    this.field = field;
  }
}

/** The file as a whole cannot be read (not UTF-8, required columns missing, not UBL): fatal for the import. */
export class ImportFileError extends DomainError {
  override name = 'ImportFileError';

  constructor(code: ImportFileCode, message: string, details?: Record<string, unknown>) {
    super(code, statusOf(code), message, details);
  }
}

/** Runs `read`, attributing any InvalidValueError it throws to `field` unless it already names one. */
export function inField<T>(field: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof InvalidValueError && error.field === undefined) {
      throw new InvalidValueError(error.code as InvalidValueCode, error.message, field);
    }
    throw error;
  }
}

/** Builds one record; a value it cannot read rejects just that row, while any other error is a bug and escapes. */
export function readResult<T>(line: number, build: () => T): ReadResult<T> {
  try {
    return { ok: true, record: build() };
  } catch (error) {
    if (!(error instanceof InvalidValueError)) throw error;
    const rowError: RowError = { line, message: error.message };
    if (error.field !== undefined) rowError.field = error.field;
    return { ok: false, error: rowError };
  }
}
