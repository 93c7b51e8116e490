// Statutory (or contractual) interest on one principal, with the breakdown a reminder prints.
import { addDays, addYears, daysFrom, earliest, halfYearEnd } from './charge-dates.ts';
import { roundHalfUp } from './round-half-up.ts';

/** One stretch at one rate on one base: what "how it was computed" shows, one line each. */
export interface InterestPeriod {
  /** First and last day of the stretch, both counted. */
  from: string;
  to: string;
  days: number;
  /** Percent a year. */
  ratePercent: number;
  /** Minor units the rate applied to: the principal, plus the interest of each completed year when compounding. */
  base: number;
  /** Minor units, rounded half-up: base × rate × days / 365. */
  amount: number;
  /** True on the last stretch of a compounding year: its year's interest joins the base after it. */
  compounds: boolean;
}

export interface InterestResult {
  /** Minor units: the sum of the periods' amounts. */
  amount: number;
  periods: InterestPeriod[];
}

export interface InterestInput {
  /** Minor units; nothing accrues on zero or less. */
  principal: number;
  /** The first day interest runs: the day after the due date. */
  from: string;
  /** The last day counted. */
  asOf: string;
  /** Thousandths of a percent in force on a date (rate-table.ts `rateLookup`); throws for an unknown half-year. */
  rateOn: (date: string) => number;
  /**
   * Add each year's interest to the base at the end of that year counted from `from`: art. 6:119
   * lid 2 and 6:119a lid 2 BW for statutory interest.
   */
  compound: boolean;
}

/** 365 days × 100 % × 1000 thousandths: the denominator of base × rate × days. */
const YEAR_PERCENT_THOUSANDTHS = 36_500_000n;

/**
 * Interest from `from` to `asOf`, both included, on the actual/365 day count (a leap year's 366th day
 * earns a 365th of a year like any other). A stretch ends at the end of a half-year (the rate may
 * change) and, when compounding, at the end of each year counted from `from`. Each stretch's amount
 * is rounded half-up to the minor unit and the total is their sum, so the breakdown adds up to the
 * amount the reminder claims.
 */
export function computeInterest(input: InterestInput): InterestResult {
  if (!Number.isSafeInteger(input.principal)) {
    throw new RangeError(`principal must be an integer of minor units, got ${input.principal}`);
  }
  const periods: InterestPeriod[] = [];
  if (input.principal <= 0 || input.asOf < input.from) return { amount: 0, periods };

  // Year n counted from `from` ends the day before its n-th anniversary.
  const endOfYear = (n: number) => addDays(addYears(input.from, n), -1);
  let base = input.principal;
  let years = 1;
  let yearEnd = endOfYear(years);
  let yearInterest = 0;
  let total = 0;
  for (let day = input.from; day <= input.asOf; ) {
    const to = input.compound
      ? earliest(halfYearEnd(day), yearEnd, input.asOf)
      : earliest(halfYearEnd(day), input.asOf);
    const days = daysFrom(day, to) + 1;
    const rate = input.rateOn(day);
    const amount = roundHalfUp(BigInt(base) * BigInt(rate) * BigInt(days), YEAR_PERCENT_THOUSANDTHS);
    const compounds = input.compound && to === yearEnd;
    periods.push({ from: day, to, days, ratePercent: rate / 1000, base, amount, compounds });
    total += amount;
    yearInterest += amount;
    if (compounds) {
      base += yearInterest;
      yearInterest = 0;
      years += 1;
      yearEnd = endOfYear(years);
    }
    day = addDays(to, 1);
  }
  return { amount: total, periods };
}
