import { currencyDecimals } from '@kredo/sdk';
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

/** `1,234.50`: grouped for reading in a PDF table or on a chart's axis. */
export function groupedAmount(minor: number, currency: string): string {
  const decimals = currencyDecimals(currency);
  return majorUnits(minor, currency).toLocaleString('en', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
}

export function isMoney(cell: Cell): cell is Money {
  return typeof cell === 'object' && cell !== null;
}

/**
 * A cell as plain text for CSV and PDF: money as its decimal (the table's currency column says
 * which), numbers as JavaScript writes them, dates as `YYYY-MM-DD`, empty for null.
 */
export function cellText(column: ReportColumn, cell: Cell, grouped = false): string {
  if (cell === null || cell === undefined) return '';
  if (isMoney(cell)) return grouped ? groupedAmount(cell.minor, cell.currency) : moneyDecimal(cell);
  if (column.type === 'percent' && typeof cell === 'number')
    return grouped ? `${round(cell, 1)} %` : String(cell);
  if (column.type === 'decimal' && typeof cell === 'number' && grouped) return String(round(cell, 1));
  return String(cell);
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
