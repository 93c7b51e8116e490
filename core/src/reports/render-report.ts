import { invalid } from '../shared/errors.ts';
import { renderCsv } from './render-csv.ts';
import { renderPdf } from './render-pdf.ts';
import { renderXlsx } from './render-xlsx.ts';
import type { RenderedReport, Report } from './report-model.ts';

export const REPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  csv: 'text/csv; charset=utf-8; header=present',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/**
 * The report in one format, with its content type and file name (`ageing-2026-12-18.pdf`). A CSV
 * holds one table: `table` names it (the report's first when absent; the file name then carries the
 * table's name when the report has several).
 */
export async function renderReport(
  report: Report,
  format: ReportFormat,
  options: { table?: string } = {},
): Promise<RenderedReport> {
  const base = `${report.kind}-${report.asOf}`;
  if (format === 'csv') {
    const table = options.table ? report.tables.find((t) => t.name === options.table) : report.tables[0];
    if (!table) {
      const names = report.tables.map((t) => t.name).join(', ');
      throw invalid('table', `the ${report.kind} report's tables are ${names}`);
    }
    const name = report.tables.length > 1 ? `${report.kind}-${table.name}-${report.asOf}` : base;
    return { body: renderCsv(table), contentType: CONTENT_TYPES.csv, fileName: `${name}.csv` };
  }
  const body = format === 'xlsx' ? await renderXlsx(report) : await renderPdf(report);
  return { body, contentType: CONTENT_TYPES[format], fileName: `${base}.${format}` };
}
