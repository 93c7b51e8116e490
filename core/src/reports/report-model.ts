import type { ReportLanguage } from './report-language.ts';

/**
 * A report as data, before any format: what the ageing, KPI, forecast and KPI series reports build and
 * what the CSV, XLSX and PDF renderers draw. Its texts are already in its language; its figures are
 * not text yet. Money stays integer minor units with its currency until a renderer writes it (as a
 * decimal in CSV, a number with a currency format in XLSX, text in the language's style in PDF).
 */
export interface Report {
  /** The report kind (`ageing`, `kpis`, `forecast`, `kpi-series`): the start of file names. */
  kind: string;
  /** What its texts are in, and how the PDF and XLSX write its numbers and dates. */
  language: ReportLanguage;
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
  /** The field's name: the CSV header (the same in every language) and the row's key. */
  key: string;
  /** What a person reads above the column (XLSX and PDF), in the report's language. */
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
  /** A short key, unique in the report: the CSV's `table` choice and the file name's part. */
  name: string;
  /** The XLSX sheet's name, in the report's language (at most 31 characters). */
  sheet: string;
  title: string;
  columns: ReportColumn[];
  rows: Record<string, Cell>[];
}

/**
 * A chart drawn in the PDF: categories along the x axis (ageing buckets, weeks, days) and series of
 * values over them, as bars (grouped side by side) or a line. A money chart's series share its
 * currency, values in minor units: a chart never adds currencies. A chart of days (DSO) or percent
 * (overdue share) holds plain numbers, still of one currency's receivables.
 */
export interface ReportChart {
  title: string;
  currency: string;
  /** What the values are: `money` (the default) in the currency's minor units, `days`, `percent`. */
  unit?: ChartUnit;
  /** Above the y axis: the currency code for money, else the unit as the language writes it. */
  axisLabel?: string;
  categories: string[];
  series: ChartSeries[];
}

export type ChartUnit = 'money' | 'days' | 'percent';

export interface ChartSeries {
  name: string;
  kind: 'bar' | 'line';
  /** One value per category (minor units for money); null where there is none (a gap in a line). */
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

/** A table's texts in the report's language: its title, sheet name and a label per column key. */
export interface TableTexts<K extends string> {
  title: string;
  sheet: string;
  columns: Record<K, string>;
}

/**
 * A table whose columns are labelled from the language's texts: `columns` gives each key its type in
 * order, so a key the catalogue lacks does not compile.
 */
export function textTable<K extends string>(
  name: string,
  texts: TableTexts<K>,
  columns: readonly (readonly [K, ColumnType])[],
  rows: Record<string, Cell>[],
  title = texts.title,
): ReportTable {
  return {
    name,
    sheet: texts.sheet,
    title,
    columns: columns.map(([key, type]) => column(key, texts.columns[key], type)),
    rows,
  };
}
