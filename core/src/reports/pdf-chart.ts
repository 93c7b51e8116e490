import type { ReportFormat } from './report-format.ts';
import type { ReportChart } from './report-model.ts';
import { majorUnits } from './report-values.ts';

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
/** The least room a category's label needs: past that, only every so many categories is labelled. */
const CATEGORY_LABEL_ROOM = 40;
/** A line's points get a dot while the categories are at least this far apart. */
const DOT_ROOM = 6;

/** How a chart writes: its font and the report language's number style. */
export interface ChartStyle {
  font: string;
  format: ReportFormat;
}

/**
 * One chart drawn with pdfkit's vector API into `box`: the title, a y axis with rounded ticks in the
 * chart's unit (its currency, days, percent), grid lines, the bar series grouped side by side per
 * category, the line series over them, the category labels under the x axis and a legend. Everything
 * written is text in the PDF (searchable, copyable); the shapes are paths, sharp at any zoom.
 */
export function drawChart(
  doc: PDFKit.PDFDocument,
  chart: ReportChart,
  box: ChartBox,
  style: ChartStyle,
): void {
  const { font } = style;
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
  drawYAxis(doc, chart, plot, scale, toY, style);
  const slot = plot.width / Math.max(chart.categories.length, 1);
  const geometry: Geometry = { chart, plot, slot, toY };
  drawBars(doc, geometry, style.format);
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

/**
 * From zero (or the lowest negative value) to the highest, in 1, 2 or 5 × 10ⁿ steps of whole units:
 * the currency's major unit (100 cents), a day, a percent.
 */
function yScale(chart: ReportChart): Scale {
  const values = chart.series.flatMap((series) => series.values).filter((v): v is number => v !== null);
  const low = Math.min(0, ...values);
  const high = Math.max(0, ...values);
  const unit = isMoney(chart) ? Math.round(1 / majorUnits(1, chart.currency)) : 1;
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

function isMoney(chart: ReportChart): boolean {
  return (chart.unit ?? 'money') === 'money';
}

/** A value as the chart's unit and the language write it: `1.234,50`, `41,3`, `12,5 %`. */
function valueText(chart: ReportChart, value: number, format: ReportFormat): string {
  if (isMoney(chart)) return format.amount(value, chart.currency);
  return chart.unit === 'percent' ? format.percent(value) : format.decimal(value);
}

function drawYAxis(
  doc: PDFKit.PDFDocument,
  chart: ReportChart,
  plot: ChartBox,
  scale: Scale,
  toY: (minor: number) => number,
  { font, format }: ChartStyle,
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
    // Ticks are whole units: no decimals to show.
    const label = isMoney(chart)
      ? format.decimal(majorUnits(tick, chart.currency))
      : valueText(chart, tick, format);
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
  doc.fillColor(AXIS).text(chart.axisLabel ?? chart.currency, plot.x - AXIS_LABEL_WIDTH, plot.y - 16, {
    width: AXIS_LABEL_WIDTH - 4,
    align: 'right',
    lineBreak: false,
  });
}

function drawBars(doc: PDFKit.PDFDocument, { chart, plot, slot, toY }: Geometry, format: ReportFormat): void {
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
          .text(valueText(chart, value, format), x, top - 8, {
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
    if (slot < DOT_ROOM) return;
    for (const point of points) if (point) doc.circle(point.x, point.y, 2).fillColor(color).fill();
  });
}

function drawCategoryLabels(doc: PDFKit.PDFDocument, { chart, plot, slot }: Geometry, font: string): void {
  doc
    .font(font)
    .fontSize(chart.categories.length > 8 ? 6 : 7)
    .fillColor(AXIS);
  // A series of days has more categories than room for their labels: every `every`-th is labelled,
  // centred on its slot.
  const every = Math.max(1, Math.ceil(CATEGORY_LABEL_ROOM / slot));
  const width = slot * every;
  chart.categories.forEach((label, category) => {
    if (category % every !== 0) return;
    doc.text(label, plot.x + (category + 0.5) * slot - width / 2, plot.y + plot.height + 4, {
      width,
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
