/**
 * A report as data, before any format: what the ageing, KPI and forecast reports build and what the
 * CSV, XLSX and PDF renderers draw. Money stays integer minor units with its currency until a renderer
 * writes it (as a decimal in CSV, a number with a currency format in XLSX, text in PDF).
 */
export interface Report {
  /** The report kind (`ageing`, `kpis`, `forecast`): the start of file names. */
  kind: string;
  title: string;
  /** The business date the figures are as of (`YYYY-MM-DD`). */
  asOf: string;
  /** The parameters it was made with, as a reader should see them (`Administration`, `Buckets` …). */
  parameters: ReportParameter[];
  tables: ReportTable[];
  charts: ReportChart[];
  /** Lines printed under the title: how currencies were treated, what was left out and why. */
  notes?: string[];
}

export interface ReportParameter {
  label: string;
  value: string;
}

export type ColumnType = 'text' | 'date' | 'integer' | 'decimal' | 'percent' | 'money';

export interface ReportColumn {
  /** The field's name: the CSV header and the row's key. */
  key: string;
  /** What a person reads above the column (XLSX and PDF). */
  label: string;
  type: ColumnType;
}

/** A money value: integer minor units and the ISO 4217 currency they are in. */
export interface Money {
  minor: number;
  currency: string;
}

/**
 * One cell by its column's type: text a string, a date `YYYY-MM-DD`, integer and decimal a number,
 * percent a number of percent (12.5 is 12.5 %), money a Money; null is an empty cell.
 */
export type Cell = string | number | Money | null;

export interface ReportTable {
  /** A short name, unique in the report: the XLSX sheet's name and the CSV's `table` choice. */
  name: string;
  title: string;
  columns: ReportColumn[];
  rows: Record<string, Cell>[];
}

/**
 * A chart drawn in the PDF: categories along the x axis (ageing buckets, weeks) and series of values
 * over them, as bars (grouped side by side) or a line. All series of one chart share its currency,
 * values in minor units: a chart never adds currencies.
 */
export interface ReportChart {
  title: string;
  currency: string;
  categories: string[];
  series: ChartSeries[];
}

export interface ChartSeries {
  name: string;
  kind: 'bar' | 'line';
  /** One value per category, minor units; null where there is none (a gap in a line). */
  values: (number | null)[];
}

/** A file a report was rendered to. */
export interface RenderedReport {
  body: Buffer;
  contentType: string;
  fileName: string;
}

export function column(key: string, label: string, type: ColumnType = 'text'): ReportColumn {
  return { key, label, type };
}
