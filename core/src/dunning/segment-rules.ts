import { DEBTOR_TYPES, type DebtorType } from '../debtors/debtor-types.ts';
import { Joi } from '../shared/joi.ts';
import { country, minorUnits, named } from '../shared/schemas.ts';

/** A segment's rule: every condition given must hold (an empty rule matches every debtor). */
export interface SegmentConditions {
  debtorTypes?: DebtorType[];
  /** Billing address country (ISO 3166-1 alpha-2). */
  countries?: string[];
  /** Overdue balance in minor units (the administration's currency), inclusive bounds. */
  minOverdue?: number;
  maxOverdue?: number;
  /** The debtor's `creditRating`. */
  riskClasses?: string[];
  /** The bureau's score (the debtor's `creditScore`, 0–100), inclusive bounds. */
  minScore?: number;
  maxScore?: number;
  /** Kredo's own payment-behaviour score (risk/, 0–100, 100 best), inclusive bounds. */
  minPaymentScore?: number;
  maxPaymentScore?: number;
  /** Credit-limit use in percent (open against the bureau's limit), inclusive bounds. */
  minCreditLimitUse?: number;
  maxCreditLimitUse?: number;
  /** Whether the debtor is over its credit limit. */
  creditLimitExceeded?: boolean;
  /** Any of these tags. */
  tags?: string[];
}

export interface Segment {
  id: string;
  name: string;
  /** 1 is tried first. */
  position: number;
  conditions: SegmentConditions;
  strategyId: string;
}

/** What segments look at: the dunned party's attributes and its overdue balance on the run's date. */
export interface SegmentFacts {
  type: DebtorType;
  country: string | null;
  overdueBalance: number;
  riskClass: string | null;
  score: number | null;
  /** Kredo's payment-behaviour score, as the last risk refresh left it; null without history. */
  paymentScore: number | null;
  /** Percent of the credit limit in use; null without a limit. */
  creditLimitUse: number | null;
  creditLimitExceeded: boolean;
  tags: readonly string[];
}

export const segmentConditionsSchema = named(
  'DunningSegmentConditions',
  Joi.object({
    debtorTypes: Joi.array()
      .items(Joi.string().valid(...DEBTOR_TYPES))
      .min(1),
    countries: Joi.array().items(country).min(1).max(250),
    minOverdue: minorUnits.min(0),
    maxOverdue: minorUnits.min(0),
    riskClasses: Joi.array().items(Joi.string().max(20)).min(1).max(50),
    minScore: Joi.number().integer().min(0).max(100),
    maxScore: Joi.number().integer().min(0).max(100),
    minPaymentScore: Joi.number().integer().min(0).max(100),
    maxPaymentScore: Joi.number().integer().min(0).max(100),
    minCreditLimitUse: Joi.number().min(0).max(100_000),
    maxCreditLimitUse: Joi.number().min(0).max(100_000),
    creditLimitExceeded: Joi.boolean(),
    tags: Joi.array().items(Joi.string().max(50)).min(1).max(50),
  }),
);

/** Whether every condition of `rule` holds for `facts`. */
export function segmentMatches(rule: SegmentConditions, facts: SegmentFacts): boolean {
  if (rule.debtorTypes && !rule.debtorTypes.includes(facts.type)) return false;
  if (rule.countries && (facts.country === null || !rule.countries.includes(facts.country))) return false;
  if (rule.minOverdue !== undefined && facts.overdueBalance < rule.minOverdue) return false;
  if (rule.maxOverdue !== undefined && facts.overdueBalance > rule.maxOverdue) return false;
  if (rule.riskClasses && (facts.riskClass === null || !rule.riskClasses.includes(facts.riskClass)))
    return false;
  if (rule.minScore !== undefined && (facts.score === null || facts.score < rule.minScore)) return false;
  if (rule.maxScore !== undefined && (facts.score === null || facts.score > rule.maxScore)) return false;
  if (!withinBounds(facts.paymentScore, rule.minPaymentScore, rule.maxPaymentScore)) return false;
  if (!withinBounds(facts.creditLimitUse, rule.minCreditLimitUse, rule.maxCreditLimitUse)) return false;
  if (rule.creditLimitExceeded !== undefined && facts.creditLimitExceeded !== rule.creditLimitExceeded)
    return false;
  if (rule.tags && !rule.tags.some((tag) => facts.tags.includes(tag))) return false;
  return true;
}

/** Whether `value` lies within the bounds given; an unknown value meets no bound. */
function withinBounds(value: number | null, min: number | undefined, max: number | undefined): boolean {
  if (min === undefined && max === undefined) return true;
  if (value === null) return false;
  return (min === undefined || value >= min) && (max === undefined || value <= max);
}

/** The first segment (by position) whose rule holds, or null: the administration's default strategy applies. */
export function chooseSegment(segments: readonly Segment[], facts: SegmentFacts): Segment | null {
  const ordered = [...segments].sort((a, b) => a.position - b.position);
  return ordered.find((segment) => segmentMatches(segment.conditions, facts)) ?? null;
}
