// Compensation for collection costs: the EU fixed sum per invoice (B2B) and the Dutch WIK scale on
// the whole claim. Both are set in euros by law; other currencies get none (docs say why).
import { roundHalfUp } from './round-half-up.ts';

/** 2011/7/EU art. 6 (art. 6:96 lid 4 BW): at least €40 per late commercial invoice (CJEU C-585/20: per invoice). */
export const EU_FIXED_COMPENSATION_CENTS = 40_00;

/**
 * The EU fixed compensation for one invoice in its currency's minor units, or undefined outside EUR:
 * the directive fixes euros, and converting would need a rate and a date the law does not give, so
 * Kredo charges it on EUR invoices only.
 */
export function euFixedCompensation(currency: string): number | undefined {
  return currency === 'EUR' ? EU_FIXED_COMPENSATION_CENTS : undefined;
}

/**
 * The Besluit vergoeding voor buitengerechtelijke incassokosten, art. 2: the scale over the principal
 * of the whole claim, in euro cents, rates in basis points. `upTo` is where the bracket ends
 * (null: no end).
 */
export const WIK_SCALE = [
  { upTo: 2_500_00, basisPoints: 1500 },
  { upTo: 5_000_00, basisPoints: 1000 },
  { upTo: 10_000_00, basisPoints: 500 },
  { upTo: 200_000_00, basisPoints: 100 },
  { upTo: null, basisPoints: 50 },
] as const;
export const WIK_MINIMUM_CENTS = 40_00;
export const WIK_MAXIMUM_CENTS = 6_775_00;

/** One bracket of the scale as applied: the slice of the principal in it and what it adds. */
export interface WikBracket {
  /** Cents: the bracket's bounds (from exclusive, to inclusive; `to` null above €200,000). */
  from: number;
  to: number | null;
  percent: number;
  /** Cents of the principal that fall in this bracket. */
  slice: number;
  /** Cents, rounded half-up. */
  amount: number;
}

export interface WikCosts {
  /** Cents the scale was applied to: the principal of the whole claim. */
  principal: number;
  brackets: WikBracket[];
  /** Cents: the brackets' sum before the minimum and maximum. */
  scaleAmount: number;
  /** Cents: what may be charged. */
  amount: number;
  /** Which limit decided the amount, if one did. */
  limit: 'minimum' | 'maximum' | null;
}

/**
 * The WIK collection costs on the principal of the whole claim (not per invoice), at least €40 and
 * at most €6,775; nothing on no claim. Undefined outside EUR: the scale's bounds are in euros.
 */
export function wikCosts(principal: number, currency: string): WikCosts | undefined {
  if (currency !== 'EUR') return undefined;
  if (!Number.isSafeInteger(principal))
    throw new RangeError(`principal must be whole cents, got ${principal}`);
  if (principal <= 0) return { principal: 0, brackets: [], scaleAmount: 0, amount: 0, limit: null };
  const brackets: WikBracket[] = [];
  let from = 0;
  for (const { upTo, basisPoints } of WIK_SCALE) {
    if (principal <= from) break;
    const slice = Math.min(principal, upTo ?? principal) - from;
    const amount = roundHalfUp(BigInt(slice) * BigInt(basisPoints), 10_000n);
    brackets.push({ from, to: upTo, percent: basisPoints / 100, slice, amount });
    if (upTo === null) break;
    from = upTo;
  }
  const scaleAmount = brackets.reduce((sum, bracket) => sum + bracket.amount, 0);
  const amount = Math.min(Math.max(scaleAmount, WIK_MINIMUM_CENTS), WIK_MAXIMUM_CENTS);
  const limit = amount > scaleAmount ? 'minimum' : amount < scaleAmount ? 'maximum' : null;
  return { principal, brackets, scaleAmount, amount, limit };
}
