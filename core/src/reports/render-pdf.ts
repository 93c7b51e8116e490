import { pdfFonts } from '../shared/pdf-fonts.ts';
import { reportMessages } from './messages/report-messages.ts';
import { drawChart } from './pdf-chart.ts';
import { type ReportFormat, reportFormat } from './report-format.ts';
import type { ColumnType, Report, ReportColumn, ReportTable } from './report-model.ts';
import { cellText } from './report-values.ts';

const BODY = 'Body';
const BOLD = 'Bold';
/** A4 landscape: a KPI table's columns and a 13-week chart fit across. */
const PAGE = { width: 841.89, height: 595.28 };
const MARGIN = 40;
const LEFT = MARGIN;
const RIGHT = PAGE.width - MARGIN;
const BOTTOM = PAGE.height - MARGIN;
const CHART_HEIGHT = 210;
const ROW_HEIGHT = 13;

/**
 * The report as a PDF (pdfkit), A4 landscape: the title, as-of date, parameters and notes; each chart
 * drawn as vectors (pdf-chart.ts); then each table, its header repeated on every page it runs onto.
 * Numbers and dates are written as the report's language writes them (report-format.ts).
 */
export async function renderPdf(report: Report): Promise<Buffer> {
  // Loaded when a PDF is asked for, not by every process that composes the app.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    info: { Title: report.title, Creator: 'Kredo' },
    lang: report.language,
  });
  const format = reportFormat(report.language);
  doc.registerFont(BODY, pdfFonts().body);
  doc.registerFont(BOLD, pdfFonts().bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  drawHeading(doc, report, format);
  for (const chart of report.charts) {
    if (doc.y + CHART_HEIGHT > BOTTOM) doc.addPage();
    const top = doc.y;
    const box = { x: LEFT, y: top, width: RIGHT - LEFT, height: CHART_HEIGHT };
    drawChart(doc, chart, box, { font: BODY, format });
    doc.x = LEFT;
    doc.y = top + CHART_HEIGHT + 16;
  }
  const none = reportMessages(report.language).frame.none;
  for (const table of report.tables) drawTable(doc, table, format, none);
  doc.end();
  return done;
}

function drawHeading(doc: PDFKit.PDFDocument, report: Report, format: ReportFormat): void {
  doc.font(BOLD).fontSize(16).text(report.title, LEFT, MARGIN);
  doc.font(BODY).fontSize(9).moveDown(0.3);
  const { frame } = reportMessages(report.language);
  const asOf = `${frame.asOf} ${format.date(report.asOf)}`;
  const lines = [asOf, ...report.parameters.map((p) => frame.labelled(p.label, p.value))];
  doc.text(lines.join('   ·   '), { width: RIGHT - LEFT });
  for (const note of report.notes ?? [])
    doc
      .fontSize(8)
      .fillColor('#404040')
      .text(note, { width: RIGHT - LEFT });
  doc.fillColor('black').moveDown(1);
}

/** Column weights by type: text takes the room the figures leave; a figure's label fits a word a line. */
const WEIGHT: Record<ColumnType, number> = {
  text: 3,
  date: 1.4,
  integer: 1.2,
  decimal: 1.2,
  percent: 1.2,
  money: 1.8,
};
/** A currency code needs little room, though it is text. */
const weightOf = (column: ReportColumn) => (column.key === 'currency' ? 1 : WEIGHT[column.type]);

function drawTable(doc: PDFKit.PDFDocument, table: ReportTable, format: ReportFormat, none: string): void {
  const total = table.columns.reduce((sum, column) => sum + weightOf(column), 0);
  let x = LEFT;
  const layout = table.columns.map((column) => {
    const width = ((RIGHT - LEFT) * weightOf(column)) / total;
    const placed = {
      column,
      x,
      width,
      align: column.type === 'text' ? ('left' as const) : ('right' as const),
    };
    x += width;
    return placed;
  });
  // A data row is one line: what does not fit its column ends in an ellipsis.
  const row = (cells: string[]) => {
    const y = doc.y;
    doc.font(BODY).fontSize(8);
    cells.forEach((text, i) => {
      const at = layout[i] as (typeof layout)[number];
      doc.text(fitted(doc, oneLine(text), at.width - 4), at.x + 2, y, {
        width: at.width - 4,
        align: at.align,
        lineBreak: false,
      });
    });
    doc.x = LEFT;
    doc.y = y + ROW_HEIGHT;
  };
  // The header wraps its labels (`Receivables at start`) and is as high as its tallest.
  const header = () => {
    const y = doc.y;
    doc.font(BOLD).fontSize(8);
    const height = Math.max(
      ...layout.map((at) => doc.heightOfString(at.column.label, { width: at.width - 4 })),
    );
    for (const at of layout) {
      const label = at.column.label;
      const top = y + height - doc.heightOfString(label, { width: at.width - 4 });
      doc.text(label, at.x + 2, top, { width: at.width - 4, align: at.align });
    }
    doc.x = LEFT;
    doc.y = y + height + 5;
    doc
      .moveTo(LEFT, doc.y - 3)
      .lineTo(RIGHT, doc.y - 3)
      .lineWidth(0.5)
      .stroke();
  };
  if (doc.y + 3 * ROW_HEIGHT + 20 > BOTTOM) doc.addPage();
  doc.font(BOLD).fontSize(11).text(table.title, LEFT, doc.y);
  doc.moveDown(0.3);
  header();
  for (const values of table.rows) {
    if (doc.y + ROW_HEIGHT > BOTTOM) {
      doc.addPage();
      header();
    }
    row(layout.map((at) => cellText(at.column, values[at.column.key] ?? null, format)));
  }
  if (table.rows.length === 0) row([none]);
  doc.moveDown(1);
}

/** A row is one line high: line breaks and other control characters in a cell (an ERP's name) become spaces. */
function oneLine(text: string): string {
  return text.replace(/[\p{Cc}\s]+/gu, ' ').trim();
}

/** `text`, shortened with an ellipsis to fit `width` in the current font. */
function fitted(doc: PDFKit.PDFDocument, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let end = text.length;
  while (end > 0 && doc.widthOfString(`${text.slice(0, end)}…`) > width) end -= 1;
  return `${text.slice(0, end)}…`;
}
