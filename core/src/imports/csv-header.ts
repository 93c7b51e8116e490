import { ImportFileError } from './errors.ts';
import type { RowWarning } from './import-rows.ts';

/** One documented column of a CSV format; the tables of these are what the docs are generated from. */
export interface CsvColumn {
  /** Normalised header name: lower case, words joined by underscores. */
  readonly name: string;
  readonly required?: boolean;
  /** One line for the documentation. */
  readonly description: string;
}

export type CsvDelimiter = ';' | ',' | '\t';

/** Where each known column sits in the file. */
export interface HeaderLayout {
  /** Column count of the header; a row may only have more values than this if the extra ones are empty. */
  width: number;
  indexes: number[];
  names: string[];
  warnings: RowWarning[];
}

// On a tie the semicolon wins: Dutch, German and French Excel write it, and their decimal comma
// makes a comma-separated header with as many commas the less likely reading.
const DELIMITERS: readonly CsvDelimiter[] = [';', '\t', ','];

/** The delimiter that occurs most often outside quotes in the header line. */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of headerLine) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && counts.has(char)) counts.set(char, (counts.get(char) as number) + 1);
  }
  let best: CsvDelimiter = ',';
  let bestCount = 0;
  for (const delimiter of DELIMITERS) {
    const count = counts.get(delimiter) as number;
    if (count > bestCount) [best, bestCount] = [delimiter, count];
  }
  return best;
}

/** "Debtor Number", " debtor-number " and "DEBTOR_NUMBER" all name the column debtor_number. */
export function normaliseColumnName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/**
 * Matches a header row to the documented columns. Unknown columns are ignored with one warning each;
 * a missing required column or a column named twice makes the file unreadable, reported in one error.
 */
export function layoutHeader(
  fields: readonly string[],
  columns: readonly CsvColumn[],
  line: number,
): HeaderLayout {
  const known = new Set(columns.map((column) => column.name));
  const layout: HeaderLayout = { width: fields.length, indexes: [], names: [], warnings: [] };
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  const unnamed: number[] = [];
  fields.forEach((field, index) => {
    const name = normaliseColumnName(field);
    if (name === '') {
      unnamed.push(index + 1);
    } else if (seen.has(name)) {
      if (known.has(name)) duplicates.add(name);
    } else if (known.has(name)) {
      layout.indexes.push(index);
      layout.names.push(name);
    } else {
      layout.warnings.push({
        line,
        field: name,
        message: `column "${name}" is not a known column and is ignored`,
      });
    }
    seen.add(name);
  });
  if (duplicates.size > 0) {
    const names = [...duplicates];
    throw new ImportFileError('duplicate_columns', `the header names ${names.join(', ')} more than once`, {
      columns: names,
    });
  }
  const missing = columns.filter((column) => column.required && !seen.has(column.name)).map((c) => c.name);
  if (missing.length > 0) {
    throw new ImportFileError(
      'missing_columns',
      `required column${missing.length === 1 ? '' : 's'} missing from the header: ${missing.join(', ')}`,
      { columns: missing, found: [...seen].filter((name) => name !== '') },
    );
  }
  if (unnamed.length > 0) {
    layout.warnings.push({
      line,
      message: `columns without a name are ignored (position ${unnamed.join(', ')})`,
    });
  }
  return layout;
}
