import type { ReportChart } from './report-model.ts';
import { groupedAmount, majorUnits } from './report-values.ts';

export interface ChartBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Series colours, in order: distinguishable in greyscale print too (dark, light, mid). */
const PALETTE = ['#1f4e79', '#9dc3e6', '#c55a11', '#548235', '#7f6000'];
const AXIS = '#404040';
const GRID = '#d9d9d9';
const TITLE_HEIGHT = 18;
const AXIS_LABEL_WIDTH = 58;
const CATEGORY_LABEL_HEIGHT = 26;
const LEGEND_HEIGHT = 14;

/**
 * One chart drawn with pdfkit's vector API into `box`: the title, a y axis with rounded ticks in the
 * chart's currency, grid lines, the bar series grouped side by side per category, the line series
 * over them, the category labels under the x axis and a legend. Everything written is text in the
 * PDF (searchable, copyable); the shapes are paths, sharp at any zoom.
 */
export function drawChart(doc: PDFKit.PDFDocument, chart: ReportChart, box: ChartBox, font: string): void {
  doc.save();
  doc
    .font(font)
    .fontSize(11)
    .fillColor('black')
    .text(chart.title, box.x, box.y, { width: box.width, lineBreak: false });
  const plot = {
    x: box.x + AXIS_LABEL_WIDTH,
    y: box.y + TITLE_HEIGHT + LEGEND_HEIGHT,
    width: box.width - AXIS_LABEL_WIDTH,
    height: box.height - TITLE_HEIGHT - LEGEND_HEIGHT - CATEGORY_LABEL_HEIGHT,
  };
  const scale = yScale(chart);
  const toY = (minor: number) =>
    plot.y + plot.height - ((minor - scale.min) / (scale.max - scale.min)) * plot.height;
  drawLegend(doc, chart, { ...box, y: box.y + TITLE_HEIGHT }, font);
  drawYAxis(doc, chart, plot, scale, toY, font);
  const slot = plot.width / Math.max(chart.categories.length, 1);
  const geometry: Geometry = { chart, plot, slot, toY };
  drawBars(doc, geometry);
  drawLines(doc, geometry);
  drawCategoryLabels(doc, geometry, font);
  doc.restore();
  doc.fillColor('black').strokeColor('black');
}

/** Where a chart's values land: the plot area, each category's slot width and a value's height. */
interface Geometry {
  chart: ReportChart;
  plot: ChartBox;
  slot: number;
  toY: (minor: number) => number;
}

interface Scale {
  min: number;
  max: number;
  step: number;
}

/** From zero (or the lowest negative value) to the highest, in 1, 2 or 5 × 10ⁿ steps of the major unit. */
function yScale(chart: ReportChart): Scale {
  const values = chart.series.flatMap((series) => series.values).filter((v): v is number => v !== null);
  const low = Math.min(0, ...values);
  const high = Math.max(0, ...values);
  const unit = Math.round(1 / majorUnits(1, chart.currency));
  const step = niceStep((high - low) / 5, unit);
  // A tenth of headroom over the highest value, so the label over the tallest bar stays inside.
  return {
    min: Math.floor(low / step) * step,
    max: Math.max(Math.ceil((high * 1.1) / step) * step, step),
    step,
  };
}

function niceStep(rough: number, unit: number): number {
  if (rough <= 0) return unit;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  return Math.max(Math.ceil(step / unit) * unit, unit);
}

function drawYAxis(
  doc: PDFKit.PDFDocument,
  chart: ReportChart,
  plot: ChartBox,
  scale: Scale,
  toY: (minor: number) => number,
  font: string,
): void {
  doc.font(font).fontSize(7);
  for (let tick = scale.min; tick <= scale.max; tick += scale.step) {
    const y = toY(tick);
    doc
      .moveTo(plot.x, y)
      .lineTo(plot.x + plot.width, y)
      .lineWidth(tick === 0 ? 0.8 : 0.4)
      .strokeColor(tick === 0 ? AXIS : GRID)
      .stroke();
    const label = groupedAmount(tick, chart.currency).replace(/\.0+$/, '');
    doc.fillColor(AXIS).text(label, plot.x - AXIS_LABEL_WIDTH, y - 3.5, {
      width: AXIS_LABEL_WIDTH - 4,
      align: 'right',
      lineBreak: false,
    });
  }
  doc
    .moveTo(plot.x, plot.y)
    .lineTo(plot.x, plot.y + plot.height)
    .lineWidth(0.8)
    .strokeColor(AXIS)
    .stroke();
  doc.fillColor(AXIS).text(chart.currency, plot.x - AXIS_LABEL_WIDTH, plot.y - 16, {
    width: AXIS_LABEL_WIDTH - 4,
    align: 'right',
    lineBreak: false,
  });
}

function drawBars(doc: PDFKit.PDFDocument, { chart, plot, slot, toY }: Geometry): void {
  const bars = chart.series.map((series, index) => ({ series, color: colourOf(index) }));
  const barSeries = bars.filter(({ series }) => series.kind === 'bar');
  if (barSeries.length === 0) return;
  const width = (slot * 0.7) / barSeries.length;
  const zero = toY(0);
  barSeries.forEach(({ series, color }, nth) => {
    series.values.forEach((value, category) => {
      if (value === null || value === 0) return;
      const x = plot.x + category * slot + slot * 0.15 + nth * width;
      const top = Math.min(toY(value), zero);
      doc
        .rect(x, top, width, Math.abs(toY(value) - zero))
        .fillColor(color)
        .fill();
      if (barSeries.length === 1 && width >= 40) {
        // A lone series has room for its amounts: the reader need not measure against the axis.
        doc
          .fontSize(6)
          .fillColor(AXIS)
          .text(groupedAmount(value, chart.currency), x, top - 8, {
            width,
            align: 'center',
            lineBreak: false,
          });
      }
    });
  });
}

function drawLines(doc: PDFKit.PDFDocument, { chart, plot, slot, toY }: Geometry): void {
  chart.series.forEach((series, index) => {
    if (series.kind !== 'line') return;
    const color = colourOf(index);
    const points = series.values.map((value, category) =>
      value === null ? null : { x: plot.x + (category + 0.5) * slot, y: toY(value) },
    );
    let drawing = false;
    for (const point of points) {
      if (!point) {
        drawing = false;
        continue;
      }
      if (drawing) doc.lineTo(point.x, point.y);
      else doc.moveTo(point.x, point.y);
      drawing = true;
    }
    doc.lineWidth(1.5).strokeColor(color).stroke();
    for (const point of points) if (point) doc.circle(point.x, point.y, 2).fillColor(color).fill();
  });
}

function drawCategoryLabels(doc: PDFKit.PDFDocument, { chart, plot, slot }: Geometry, font: string): void {
  doc
    .font(font)
    .fontSize(chart.categories.length > 8 ? 6 : 7)
    .fillColor(AXIS);
  chart.categories.forEach((label, category) => {
    doc.text(label, plot.x + category * slot, plot.y + plot.height + 4, {
      width: slot,
      align: 'center',
      height: CATEGORY_LABEL_HEIGHT - 4,
    });
  });
}

function drawLegend(doc: PDFKit.PDFDocument, chart: ReportChart, box: ChartBox, font: string): void {
  doc.font(font).fontSize(7);
  let x = box.x + AXIS_LABEL_WIDTH;
  chart.series.forEach((series, index) => {
    doc
      .rect(x, box.y + 1, 8, 6)
      .fillColor(colourOf(index))
      .fill();
    doc.fillColor(AXIS).text(series.name, x + 11, box.y, { lineBreak: false });
    x += 11 + doc.widthOfString(series.name) + 14;
  });
}

function colourOf(index: number): string {
  return PALETTE[index % PALETTE.length] as string;
}
