import { currencyDecimals } from '@kredo/sdk';
import type { ReportFormat } from './report-format.ts';
import type { Cell, Money, ReportColumn } from './report-model.ts';

/** `1234.50`, `-0.07`, `500` (JPY): the amount as an exact decimal, no grouping, no currency. */
export function moneyDecimal(money: Money): string {
  const decimals = currencyDecimals(money.currency);
  const sign = money.minor < 0 ? '-' : '';
  const units = Math.abs(money.minor);
  if (decimals === 0) return `${sign}${units}`;
  const scale = 10 ** decimals;
  return `${sign}${Math.floor(units / scale)}.${String(units % scale).padStart(decimals, '0')}`;
}

/** The amount in major units as a number, for a spreadsheet cell or a chart's scale (display only). */
export function majorUnits(minor: number, currency: string): number {
  return minor / 10 ** currencyDecimals(currency);
}

export function isMoney(cell: Cell): cell is Money {
  return typeof cell === 'object' && cell !== null;
}

/**
 * A cell as text. Without a format, for CSV: money as its exact decimal (the table's currency column
 * says which), numbers as JavaScript writes them, dates as `YYYY-MM-DD`: the same in every language,
 * for programs to read. With the report language's format, for the PDF: as a person reads them there.
 */
export function cellText(column: ReportColumn, cell: Cell, format?: ReportFormat): string {
  if (cell === null || cell === undefined) return '';
  if (isMoney(cell)) return format ? format.amount(cell.minor, cell.currency) : moneyDecimal(cell);
  if (!format) return String(cell);
  if (typeof cell === 'string') return column.type === 'date' ? format.date(cell) : cell;
  return column.type === 'percent' ? format.percent(cell) : format.decimal(cell);
}
