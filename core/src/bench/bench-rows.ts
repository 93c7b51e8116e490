// One benchmark result per row: Kredo's number, the baseline measured in the same run, their ratio
// and the goal the ratio is held to. Pure, so the arithmetic and the table are unit-tested.

/** A goal on the ratio value / baseline, e.g. "at least 0.8 of COPY's rate". */
export interface Goal {
  atLeast?: number;
  atMost?: number;
  /** What the baseline is, as the goal names it ("COPY", "bare route"). */
  of: string;
}

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  baseline: number | null;
  /** value / baseline, rounded to two decimals (as shown, so `met` agrees with the table); null without a baseline. */
  ratio: number | null;
  /** Human-readable, e.g. "≥ 0.8× COPY"; null for rows that only inform. */
  goal: string | null;
  /** Whether the ratio meets the goal; null when there is no goal. */
  met: boolean | null;
}

/** A row measured against a baseline, with an optional goal on the ratio. */
export function compared(name: string, unit: string, value: number, baseline: number, goal?: Goal): BenchRow {
  const ratio = baseline > 0 ? round(value / baseline, 2) : null;
  return {
    name,
    value: round(value, 2),
    unit,
    baseline: round(baseline, 2),
    ratio,
    goal: goal ? describeGoal(goal) : null,
    met: goal && ratio !== null ? meets(ratio, goal) : null,
  };
}

/** A row with no baseline: reported for context only. */
export function measured(name: string, unit: string, value: number): BenchRow {
  return { name, value: round(value, 2), unit, baseline: null, ratio: null, goal: null, met: null };
}

export function describeGoal(goal: Goal): string {
  const bounds = [
    goal.atLeast === undefined ? undefined : `≥ ${goal.atLeast}×`,
    goal.atMost === undefined ? undefined : `≤ ${goal.atMost}×`,
  ].filter(Boolean);
  if (bounds.length === 0) throw new RangeError('a goal needs atLeast or atMost');
  return `${bounds.join(' and ')} ${goal.of}`;
}

export function meets(ratio: number, goal: Goal): boolean {
  return (
    (goal.atLeast === undefined || ratio >= goal.atLeast) &&
    (goal.atMost === undefined || ratio <= goal.atMost)
  );
}

/**
 * A number as the table shows it: thousands grouped, the unit after it, and two decimals below 100
 * (or below `scale`, so a value and its baseline share a precision), none above.
 */
export function formatValue(value: number, unit: string, scale = value): string {
  const digits = Math.max(Math.abs(value), Math.abs(scale)) >= 100 ? 0 : 2;
  return `${value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits })} ${unit}`;
}

const HEADINGS = ['benchmark', 'value', 'baseline', 'ratio', 'goal', 'met'] as const;
// Numbers read best right-aligned; names and goals left-aligned.
const RIGHT = [false, true, true, true, false, false];

/** The rows as a plain-text table with a heading and a rule, columns padded to their widest cell. */
export function renderTable(rows: readonly BenchRow[]): string {
  const cells = rows.map((row) => [
    row.name,
    formatValue(row.value, row.unit, row.baseline ?? row.value),
    row.baseline === null ? '' : formatValue(row.baseline, row.unit, row.value),
    row.ratio === null ? '' : `${row.ratio.toFixed(2)}×`,
    row.goal ?? '',
    row.met === null ? '' : row.met ? 'yes' : 'NO',
  ]);
  const widths = HEADINGS.map((heading, column) =>
    Math.max(heading.length, ...cells.map((line) => (line[column] as string).length)),
  );
  const render = (line: readonly string[]) =>
    line
      .map((cell, column) => {
        const width = widths[column] as number;
        return RIGHT[column] ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [render(HEADINGS), rule, ...cells.map(render)].join('\n');
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
