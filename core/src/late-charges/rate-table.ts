// The shape of a statutory interest rate table and how a rate is looked up in it.
import { halfYearStart, isHalfYearStart } from './charge-dates.ts';

/** The statutory interest kinds: commercial (art. 6:119a BW, B2B) and non-commercial (art. 6:119 BW, B2C). */
export const RATE_KINDS = ['statutory_commercial', 'statutory'] as const;
export type RateKind = (typeof RATE_KINDS)[number];

/** One half-year's rate: in force from `validFrom` (a 1 January or 1 July) to the end of that half-year. */
export interface RateEntry {
  validFrom: string;
  /** Percent a year, at most three decimals: 10.15 is 10.15 %. */
  ratePercent: number;
}

/** Every kind's table, as `computeCharges` takes them (`readRateTables` reads them for a tenant). */
export type RateTables = Record<RateKind, readonly RateEntry[]>;

/**
 * A rate as an integer count of thousandths of a percent (10.15 % → 10150), so interest is computed
 * with integers only. Refuses more than three decimals (the column is numeric(6,3)).
 */
export function rateThousandths(ratePercent: number): number {
  const thousandths = Math.round(ratePercent * 1000);
  if (!Number.isFinite(ratePercent) || ratePercent < 0 || Math.abs(ratePercent * 1000 - thousandths) > 1e-6) {
    throw new RangeError(
      `a rate is a non-negative percentage with at most three decimals, got ${ratePercent}`,
    );
  }
  return thousandths;
}

/**
 * A half-year the table has no rate for. Statutory amounts are never guessed: the tenant enters the
 * missing half-year (PUT /api/v1/late-charges/rates/{kind}/{validFrom}) and the charge is computed again.
 */
export class RateMissingError extends Error {
  override name = 'RateMissingError';
  readonly code = 'late_charge_rate_missing';
  constructor(
    readonly kind: RateKind | 'fixed',
    readonly halfYear: string,
  ) {
    super(`no ${kind} interest rate for the half-year starting ${halfYear}`);
  }
}

/** A lookup of a table by half-year: the rate in force on any date, or a RateMissingError. */
export function rateLookup(kind: RateKind, entries: readonly RateEntry[]): (date: string) => number {
  const byHalfYear = new Map<string, number>();
  for (const entry of entries) {
    if (!isHalfYearStart(entry.validFrom)) {
      throw new RangeError(`a ${kind} rate must start on 1 January or 1 July, got ${entry.validFrom}`);
    }
    byHalfYear.set(entry.validFrom, rateThousandths(entry.ratePercent));
  }
  return (date) => {
    const halfYear = halfYearStart(date);
    const rate = byHalfYear.get(halfYear);
    if (rate === undefined) throw new RateMissingError(kind, halfYear);
    return rate;
  };
}

/** Merges tables half-year by half-year, later lists winning: the shipped table under a tenant's. */
export function mergeRates(...tables: readonly (readonly RateEntry[])[]): RateEntry[] {
  const byHalfYear = new Map<string, RateEntry>();
  for (const table of tables) for (const entry of table) byHalfYear.set(entry.validFrom, entry);
  return [...byHalfYear.values()].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
}
