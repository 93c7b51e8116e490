import { addDays, calendarDate } from '../shared/iso-date.ts';

export const FREQUENCIES = ['monthly', 'weekly', 'biweekly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** One instalment of a payment plan: what is due on `dueOn`, split into principal and interest. */
export interface Instalment {
  /** 1, 2, 3 … */
  seq: number;
  dueOn: string;
  /** Minor units: `principal + interest`. */
  amount: number;
  principal: number;
  interest: number;
}

/**
 * The share of a year one period is, as a fraction: a month is 1/12 of a year, a week 7/365 and two
 * weeks 14/365 (the actual/365 convention for periods counted in days).
 */
const PERIOD: Record<Frequency, { num: bigint; den: bigint }> = {
  monthly: { num: 1n, den: 12n },
  weekly: { num: 7n, den: 365n },
  biweekly: { num: 14n, den: 365n },
};

/** The due date of instalment `index` (0 = the first): months counted from the first date, so 31 Jan → 28 Feb → 31 Mar. */
export function instalmentDate(firstDueOn: string, frequency: Frequency, index: number): string {
  if (frequency === 'weekly') return addDays(firstDueOn, 7 * index);
  if (frequency === 'biweekly') return addDays(firstDueOn, 14 * index);
  const [year, month, day] = firstDueOn.split('-').map(Number) as [number, number, number];
  const months = month - 1 + index;
  const y = year + Math.floor(months / 12);
  const m = (months % 12) + 1;
  for (let d = day; d >= 28; d--) {
    const date = calendarDate(y, m, d);
    if (date) return date;
  }
  return calendarDate(y, m, day) as string;
}

/**
 * Simple interest on the outstanding principal for one period, rounded half up to the minor unit:
 * `outstanding × rate / 100 × period`, `rate` the annual percentage. Integer arithmetic throughout:
 * the rate is taken to four decimals (8.5 → 85000 ten-thousandths of a percent).
 */
export function periodInterest(outstanding: number, annualRatePercent: number, frequency: Frequency): number {
  const rate = BigInt(Math.round(annualRatePercent * 10_000));
  const { num, den } = PERIOD[frequency];
  const numerator = BigInt(outstanding) * rate * num;
  const denominator = 100n * 10_000n * den;
  return Number((2n * numerator + denominator) / (2n * denominator));
}

/**
 * The schedule of a plan of `count` instalments paying `principal` (minor units) off in equal parts,
 * the rounding remainder on the last, each carrying the simple interest on what is still outstanding
 * before it (see periodInterest). The amounts add up exactly to principal + total interest.
 */
export function generateSchedule(input: {
  principal: number;
  count: number;
  frequency: Frequency;
  firstDueOn: string;
  interestRatePercent?: number;
}): Instalment[] {
  const { principal, count, frequency, firstDueOn } = input;
  if (!Number.isSafeInteger(principal) || principal <= 0) throw new RangeError('principal must be positive');
  if (!Number.isInteger(count) || count < 1) throw new RangeError('count must be at least 1');
  const part = Math.floor(principal / count);
  const schedule: Instalment[] = [];
  let outstanding = principal;
  for (let index = 0; index < count; index++) {
    const share = index === count - 1 ? outstanding : part;
    const interest = input.interestRatePercent
      ? periodInterest(outstanding, input.interestRatePercent, frequency)
      : 0;
    schedule.push({
      seq: index + 1,
      dueOn: instalmentDate(firstDueOn, frequency, index),
      amount: share + interest,
      principal: share,
      interest,
    });
    outstanding -= share;
  }
  return schedule;
}

/** A schedule the debtor and collector agreed on by hand: no interest, the amounts as given. */
export function explicitSchedule(entries: readonly { dueOn: string; amount: number }[]): Instalment[] {
  return entries.map((entry, index) => ({
    seq: index + 1,
    dueOn: entry.dueOn,
    amount: entry.amount,
    principal: entry.amount,
    interest: 0,
  }));
}

/** What a schedule adds up to. */
export function scheduleTotals(schedule: readonly Instalment[]) {
  let principal = 0;
  let interest = 0;
  for (const instalment of schedule) {
    principal += instalment.principal;
    interest += instalment.interest;
  }
  return { principal, interest, total: principal + interest };
}
