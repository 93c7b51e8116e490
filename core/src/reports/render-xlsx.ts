import { currencyDecimals } from '@kredo/sdk';
import type ExcelJS from 'exceljs';
import type { Cell, ColumnType, Report, ReportColumn, ReportTable } from './report-model.ts';
import { isMoney, majorUnits } from './report-values.ts';

const DATE_FORMAT = 'yyyy-mm-dd';
const PERCENT_FORMAT = '0.0%';

/**
 * The report as an XLSX workbook (exceljs): a sheet per table with its header row frozen and typed
 * cells (amounts as numbers under a format naming their currency, dates as dates, percentages as
 * fractions under a percent format), so the figures can be summed and charted where they land; and a
 * last sheet `Report` with the title, the as-of date, the parameters and the notes.
 */
export async function renderXlsx(report: Report): Promise<Buffer> {
  // Loaded when a workbook is asked for: exceljs takes a fifth of a second to load, which every
  // process that composes the app (each API test file, each CLI command) would pay otherwise.
  const { default: excel } = await import('exceljs');
  const workbook = new excel.Workbook();
  workbook.creator = 'Kredo';
  workbook.created = new Date(`${report.asOf}T00:00:00Z`);
  for (const table of report.tables) addTableSheet(workbook, table);
  addAboutSheet(workbook, report);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addTableSheet(workbook: ExcelJS.Workbook, table: ReportTable): void {
  const sheet = workbook.addWorksheet(sheetName(table.name), {
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
      const format = numberFormat(column.type, value);
      if (format) cell.numFmt = format;
    }
  }
}

function addAboutSheet(workbook: ExcelJS.Workbook, report: Report): void {
  const sheet = workbook.addWorksheet('Report');
  sheet.columns = [{ width: 24 }, { width: 60 }];
  sheet.addRow([report.title]).font = { bold: true, size: 14 };
  sheet.addRow(['As of', report.asOf]);
  for (const parameter of report.parameters) sheet.addRow([parameter.label, parameter.value]);
  for (const note of report.notes ?? []) sheet.addRow(['Note', note]);
}

function cellValue(type: ColumnType, cell: Cell): ExcelJS.CellValue {
  if (cell === null) return null;
  if (isMoney(cell)) return majorUnits(cell.minor, cell.currency);
  if (type === 'date' && typeof cell === 'string') return new Date(`${cell}T00:00:00Z`);
  if (type === 'percent' && typeof cell === 'number') return cell / 100;
  return cell;
}

/** `#,##0.00 "EUR"`: the currency's own decimals, its code after the amount. */
function numberFormat(type: ColumnType, cell: Cell): string | undefined {
  if (isMoney(cell)) {
    const decimals = currencyDecimals(cell.currency);
    const fraction = decimals > 0 ? `.${'0'.repeat(decimals)}` : '';
    return `#,##0${fraction} "${cell.currency}"`;
  }
  if (type === 'date') return DATE_FORMAT;
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
