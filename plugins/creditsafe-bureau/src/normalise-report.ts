import { type CreditReport, currencyDecimals, type Money } from '@kredo/sdk';
import type { CreditsafeRating, CreditsafeReport } from './creditsafe-api.ts';

/** Creditsafe's common scale, for reports whose provider score has no numeric range. */
const COMMON_SCORE: Readonly<Record<string, number>> = { A: 90, B: 70, C: 50, D: 20, E: 5 };

/**
 * The report as Kredo stores it on the debtor, or why it cannot be: the current rating (falling back
 * to the summary's), its provider score scaled to 0–100 (falling back to the common value A–E),
 * and the credit limit in minor units (0 when Creditsafe advises none).
 */
export function normaliseReport(body: CreditsafeReport): CreditReport | string {
  const report = body.report;
  const rating = report?.creditScore?.currentCreditRating ?? report?.companySummary?.creditRating;
  if (!rating) return 'the report has no credit rating';
  const commonValue = typeof rating.commonValue === 'string' ? rating.commonValue.trim() : '';
  const score = providerScore(rating) ?? COMMON_SCORE[commonValue.toUpperCase()];
  if (score === undefined) return `the rating "${commonValue}" has no score Kredo can read`;
  const limit = suggestedLimit(rating, report?.companySummary?.creditRating);
  if (typeof limit === 'string') return limit;
  return { score, rating: commonValue, suggestedLimit: limit };
}

/** `providerValue` scaled from its own `[minValue, maxValue]` to 0–100, when all three are numbers. */
function providerScore(rating: CreditsafeRating): number | undefined {
  const provider = rating.providerValue;
  const [min, max, value] = [provider?.minValue, provider?.maxValue, provider?.value].map(toNumber);
  if (min === undefined || max === undefined || value === undefined || max <= min) return undefined;
  const scaled = Math.round(((value - min) / (max - min)) * 100);
  return Math.min(100, Math.max(0, scaled));
}

function suggestedLimit(rating: CreditsafeRating, summary: CreditsafeRating | undefined): Money | string {
  const limit = rating.creditLimit ?? summary?.creditLimit;
  const currency = limit?.currency;
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) return 'the credit limit has no currency';
  const amount = toMinorUnits(limit?.value, currency);
  if (amount === undefined) return `the credit limit "${limit?.value}" is not an amount`;
  return { amount, currency };
}

/** `"125000"` or `125000.5` in major units → minor units, from the digits (no float arithmetic). */
export function toMinorUnits(value: string | number | undefined, currency: string): number | undefined {
  if (value === undefined || value === '') return 0;
  const text = typeof value === 'number' ? String(value) : value.trim();
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return undefined;
  const decimals = currencyDecimals(currency);
  const fraction = (match[2] ?? '').padEnd(decimals, '0').slice(0, decimals);
  const minor = Number(`${match[1]}${fraction}`);
  return Number.isSafeInteger(minor) ? minor : undefined;
}

function toNumber(value: string | number | undefined): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}
