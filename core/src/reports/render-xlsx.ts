import { currencyDecimals } from '@kredo/sdk';
import type ExcelJS from 'exceljs';
import { reportMessages } from './messages/report-messages.ts';
import type { ReportLanguage } from './report-language.ts';
import type { Cell, ColumnType, Report, ReportColumn, ReportTable } from './report-model.ts';
import { isMoney, majorUnits } from './report-values.ts';

/**
 * Dates as each language writes them. Separators in number formats are the reader's spreadsheet's
 * (`#,##0.00` shows `1.234,50` in a Dutch Excel): a workbook cannot pin them, so it does not try.
 */
const DATE_FORMATS: Record<ReportLanguage, string> = {
  nl: 'dd-mm-yyyy',
  en: 'dd mmm yyyy',
  de: 'dd.mm.yyyy',
  fr: 'dd/mm/yyyy',
};
const PERCENT_FORMAT = '0.0%';

/**
 * The report as an XLSX workbook (exceljs): a sheet per table, named in the report's language, with
 * its header row frozen and typed cells (amounts as numbers under a format naming their currency,
 * dates as dates in the language's order, percentages as fractions under a percent format), so the
 * figures can be summed and charted where they land; and a last sheet (`Report`, `Rapport` …) with
 * the title, the as-of date, the parameters and the notes.
 */
export async function renderXlsx(report: Report): Promise<Buffer> {
  // Loaded when a workbook is asked for: exceljs takes a fifth of a second to load, which every
  // process that composes the app (each API test file, each CLI command) would pay otherwise.
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  workbook.creator = 'Kredo';
  workbook.created = new Date(`${report.asOf}T00:00:00Z`);
  const dateFormat = DATE_FORMATS[report.language];
  for (const table of report.tables) addTableSheet(workbook, table, dateFormat);
  addAboutSheet(workbook, report, dateFormat);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addTableSheet(workbook: ExcelJS.Workbook, table: ReportTable, dateFormat: string): void {
  const sheet = workbook.addWorksheet(sheetName(table.sheet), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = table.columns.map((column) => ({
    header: column.label,
    key: column.key,
    width: widthOf(column),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) {
    const added = sheet.addRow({});
    for (const column of table.columns) {
      const cell = added.getCell(column.key);
      const value = row[column.key] ?? null;
      cell.value = cellValue(column.type, value);
      const format = numberFormat(column.type, value, dateFormat);
      if (format) cell.numFmt = format;
    }
  }
}

function addAboutSheet(workbook: ExcelJS.Workbook, report: Report, dateFormat: string): void {
  const { frame } = reportMessages(report.language);
  const sheet = workbook.addWorksheet(sheetName(frame.aboutSheet));
  sheet.columns = [{ width: 24 }, { width: 60 }];
  sheet.addRow([report.title]).font = { bold: true, size: 14 };
  const asOf = sheet.addRow([frame.asOf, new Date(`${report.asOf}T00:00:00Z`)]);
  asOf.getCell(2).numFmt = dateFormat;
  asOf.getCell(2).alignment = { horizontal: 'left' };
  for (const parameter of report.parameters) sheet.addRow([parameter.label, parameter.value]);
  for (const note of report.notes ?? []) sheet.addRow([frame.note, note]);
}

function cellValue(type: ColumnType, cell: Cell): ExcelJS.CellValue {
  if (cell === null) return null;
  if (isMoney(cell)) return majorUnits(cell.minor, cell.currency);
  if (type === 'date' && typeof cell === 'string') return new Date(`${cell}T00:00:00Z`);
  if (type === 'percent' && typeof cell === 'number') return cell / 100;
  return cell;
}

/** `#,##0.00 "EUR"`: the currency's own decimals, its code after the amount. */
function numberFormat(type: ColumnType, cell: Cell, dateFormat: string): string | undefined {
  if (isMoney(cell)) {
    const decimals = currencyDecimals(cell.currency);
    const fraction = decimals > 0 ? `.${'0'.repeat(decimals)}` : '';
    return `#,##0${fraction} "${cell.currency}"`;
  }
  if (type === 'date') return dateFormat;
  if (type === 'percent') return PERCENT_FORMAT;
  if (type === 'decimal') return '0.0';
  return undefined;
}

function widthOf(column: ReportColumn): number {
  const byType: Record<ColumnType, number> = {
    text: 24,
    date: 12,
    integer: 10,
    decimal: 10,
    percent: 10,
    money: 18,
  };
  return Math.max(byType[column.type], column.label.length + 2);
}

/** Excel's rules: at most 31 characters, none of `[]:*?/\`. */
function sheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
}
