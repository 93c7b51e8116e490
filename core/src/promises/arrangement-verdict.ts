import { addDays } from '../shared/iso-date.ts';
import type { Instalment } from './plan-schedule.ts';

/**
 * What the monitoring job decides, as pure functions of the arrangement, what was paid towards it and
 * the business date: nothing is read or written here (STYLE.md 4); monitor-arrangements.ts applies it.
 */

export type PromiseVerdict = 'open' | 'kept' | 'broken';

/**
 * Kept as soon as `paid` reaches the amount (also early); broken once the promised date plus the grace
 * days has passed with less paid; open until then. The last day of grace still counts as on time.
 */
export function promiseVerdict(
  promise: { amount: number; promisedOn: string; graceDays: number },
  paid: number,
  today: string,
): PromiseVerdict {
  if (paid >= promise.amount) return 'kept';
  return today > addDays(promise.promisedOn, promise.graceDays) ? 'broken' : 'open';
}

export interface InstalmentState extends Instalment {
  /** What of the payments so far counts towards this instalment: payments fill instalments in order. */
  paid: number;
  status: 'paid' | 'partly_paid' | 'due' | 'missed';
}

export interface PlanState {
  verdict: 'active' | 'completed' | 'defaulted';
  instalments: InstalmentState[];
  /** The first instalment not covered by its due date plus grace, when the plan defaulted. */
  missed: InstalmentState | null;
}

/**
 * Payments fill the instalments in order (cumulative paid against cumulative due). The plan is
 * completed when everything is paid; it defaults when an instalment's due date plus the grace days has
 * passed and the cumulative paid is below the cumulative due up to it; otherwise it stays active.
 */
export function planState(
  plan: { schedule: readonly Instalment[]; graceDays: number },
  paid: number,
  today: string,
): PlanState {
  let left = Math.max(0, paid);
  let total = 0;
  let missed: InstalmentState | null = null;
  const instalments: InstalmentState[] = [];
  for (const instalment of plan.schedule) {
    total += instalment.amount;
    const covered = Math.min(left, instalment.amount);
    left -= covered;
    // Payments fill in order: an instalment not fully covered means cumulative paid < cumulative due.
    const late = today > addDays(instalment.dueOn, plan.graceDays);
    const status =
      covered === instalment.amount ? 'paid' : late ? 'missed' : covered > 0 ? 'partly_paid' : 'due';
    const state: InstalmentState = { ...instalment, paid: covered, status };
    if (status === 'missed' && !missed) missed = state;
    instalments.push(state);
  }
  const verdict = paid >= total ? 'completed' : missed ? 'defaulted' : 'active';
  return { verdict, instalments, missed };
}

/** The administration's limits on a payment plan (arrangement settings). */
export interface PlanRules {
  maxInstalments: number;
  /** Minor units, in the administration's currency. */
  minInstalment: number;
}

export interface RuleBreach {
  rule: 'maxInstalments' | 'minInstalment';
  limit: number;
  actual: number;
  message: string;
}

/** The first rule the schedule breaks, or null. */
export function planRuleBreach(schedule: readonly Instalment[], rules: PlanRules): RuleBreach | null {
  if (schedule.length > rules.maxInstalments) {
    return {
      rule: 'maxInstalments',
      limit: rules.maxInstalments,
      actual: schedule.length,
      message: `a plan has at most ${rules.maxInstalments} instalments, this one ${schedule.length}`,
    };
  }
  const smallest = Math.min(...schedule.map((i) => i.amount));
  if (smallest < rules.minInstalment) {
    return {
      rule: 'minInstalment',
      limit: rules.minInstalment,
      actual: smallest,
      message: `each instalment is at least ${rules.minInstalment} minor units, one is ${smallest}`,
    };
  }
  return null;
}
