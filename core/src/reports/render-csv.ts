import { stringify } from 'csv-stringify/sync';
import type { ReportTable } from './report-model.ts';
import { cellText } from './report-values.ts';

/**
 * One table as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma,
 * a quote or a line break), UTF-8 without a byte-order mark. The header is the columns' keys, a
 * column per field; money as an exact decimal (`1234.50`) beside the table's currency column.
 */
export function renderCsv(table: ReportTable): Buffer {
  const header = table.columns.map((column) => column.key);
  const records = table.rows.map((row) =>
    table.columns.map((column) => {
      const text = cellText(column, row[column.key] ?? null);
      return column.type === 'text' ? defused(text) : text;
    }),
  );
  return Buffer.from(stringify([header, ...records], { record_delimiter: 'windows' }), 'utf8');
}

/**
 * A spreadsheet opening the file would run a text field starting with `=`, `+`, `-`, `@` or a tab as
 * a formula (CSV injection, OWASP): a debtor's name comes from the ERP, so such text gets a leading
 * apostrophe, which spreadsheets show as text and hide.
 */
function defused(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
