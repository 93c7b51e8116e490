// A strategy's late-payment charges as data, and the rules a strategy must meet to be saved.
import type { DebtorType } from '../debtors/debtor-types.ts';
import { rateThousandths } from './rate-table.ts';

/** Interest a strategy claims: none, a statutory table, or a rate the tenant's terms fix. */
export type InterestOption =
  | 'none'
  | 'statutory_commercial'
  | 'statutory'
  | {
      /** Percent a year, at most three decimals. */
      fixedRatePercent: number;
      /** Add each year's interest to the base, as statutory interest does; off by default. */
      compound?: boolean;
    };

/** Compensation for collection costs: none, the EU €40 per invoice (B2B), or the WIK scale on the whole claim. */
export type CompensationOption = 'none' | 'eu_fixed' | 'wik';

/** Per strategy: what it charges for late payment. */
export interface ChargesPolicy {
  interest: InterestOption;
  compensation: CompensationOption;
}

/** What the check reads of a strategy's step. */
export interface ChargesStep {
  /** This step's reminder is the 14-day letter of art. 6:96 lid 6 BW. */
  fourteenDayNotice?: boolean;
  /** The step's channel, when it has one: the 14-day letter must be written. */
  channel?: string;
}

/** One broken rule, naming the field at fault (`charges.compensation`, `steps[2].channel` …). */
export interface PolicyProblem {
  field: string;
  message: string;
}

const WRITTEN_CHANNELS = new Set(['letter', 'email']);
const INTEREST_KINDS = new Set(['none', 'statutory_commercial', 'statutory']);
const COMPENSATIONS = new Set(['none', 'eu_fixed', 'wik']);

/**
 * Checks a strategy's charges against its steps before it is saved; an empty list when it may be.
 * `debtorTypes` says whom the strategy reaches (both when unknown). Pure: the dunning engine calls it
 * on save and turns each problem into a 400 naming the field.
 */
export function checkChargesPolicy(
  policy: ChargesPolicy,
  steps: readonly ChargesStep[],
  debtorTypes: readonly DebtorType[] = ['b2b', 'b2c'],
): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const problem = (field: string, message: string) => problems.push({ field, message });
  const consumers = debtorTypes.includes('b2c');
  const businesses = debtorTypes.includes('b2b');

  const { interest, compensation } = policy;
  if (typeof interest === 'object' && interest !== null) {
    if (typeof interest.fixedRatePercent !== 'number') {
      problem('charges.interest.fixedRatePercent', 'a fixed interest rate needs its percentage');
    } else if (!validRate(interest.fixedRatePercent) || interest.fixedRatePercent === 0) {
      problem(
        'charges.interest.fixedRatePercent',
        'must be above 0 and below 1000, with at most three decimals',
      );
    }
  } else if (!INTEREST_KINDS.has(interest)) {
    problem(
      'charges.interest',
      "must be 'none', 'statutory_commercial', 'statutory' or { fixedRatePercent }",
    );
  } else if (interest === 'statutory_commercial' && !businesses) {
    problem(
      'charges.interest',
      'the commercial rate (art. 6:119a BW) applies to businesses; consumers owe art. 6:119 BW',
    );
  }

  if (!COMPENSATIONS.has(compensation)) {
    problem('charges.compensation', "must be 'none', 'eu_fixed' or 'wik'");
  } else if (compensation === 'eu_fixed' && !businesses) {
    problem('charges.compensation', "the EU fixed €40 applies to businesses; consumers are charged 'wik'");
  }

  const notices = steps.flatMap((step, i) => (step.fourteenDayNotice ? [i] : []));
  for (const i of notices.slice(1)) {
    problem(
      `steps[${i}].fourteenDayNotice`,
      `only one step is the 14-day letter; step ${notices[0]} already is`,
    );
  }
  for (const i of notices) {
    const channel = steps[i]?.channel;
    if (channel !== undefined && !WRITTEN_CHANNELS.has(channel)) {
      problem(`steps[${i}].channel`, 'the 14-day letter must be written: a letter or an e-mail');
    }
  }
  if (consumers && compensation !== 'none' && COMPENSATIONS.has(compensation) && notices.length === 0) {
    problem(
      'steps',
      'a strategy charging collection costs to consumers needs a step marked fourteenDayNotice (art. 6:96 lid 6 BW)',
    );
  }
  return problems;
}

function validRate(percent: number): boolean {
  try {
    return rateThousandths(percent) < 1_000_000;
  } catch {
    return false;
  }
}
