import type { DebtorType } from '../debtors/debtor-types.ts';
import type { Step, StrategyDefinition } from './strategy-definition.ts';

/**
 * What the pure evaluator (evaluate-party.ts) is given and what it decides. Dates are business dates
 * (YYYY-MM-DD) in the administration's time zone; amounts are integer minor units in one currency.
 */

/** An overdue invoice of the dunned party (of any debtor of its group). */
export interface PartyInvoice {
  invoiceId: string;
  debtorId: string;
  number: string;
  issueDate: string;
  dueDate: string;
  amount: number;
  openAmount: number;
  currency: string;
  /** Held out of dunning by an active pause (dispute, promise, plan, hold). */
  paused: boolean;
  /** The last day an active pause holds it (`9999-12-31`: until lifted); null when none does. For the preview. */
  pausedThrough?: string | null;
}

/** A credit note or unallocated payment that lowers the amount asked; `amount` is negative. */
export interface PartyCredit {
  kind: 'credit_note' | 'unallocated_payment';
  id: string;
  reference: string;
  amount: number;
}

/** The dunned party: a debtor, or the parent of a group dunned at group level, and what it owes. */
export interface PartyFacts {
  debtorId: string;
  type: DebtorType;
  tags: readonly string[];
  /** The debtor's `creditRating`: its risk class. */
  riskClass: string | null;
  /** The bureau's score. */
  score: number | null;
  /** Kredo's payment-behaviour score (risk/); null without history. */
  paymentScore: number | null;
  /** Percent of the credit limit in use; null without a limit. */
  creditLimitUse: number | null;
  creditLimitExceeded: boolean;
  country: string | null;
  /** The contact's language, else the debtor's, if any. */
  language: string | null;
  /** Invoices overdue on the as-of date, in the administration's currency, oldest due first. */
  invoices: PartyInvoice[];
  credits: PartyCredit[];
}

/** `dunning_state`: where a party stands in its current (or last) episode. */
export interface PartyState {
  episode: number;
  episodeStartedOn: string;
  strategyId: string;
  /** The version the last step was taken under (the next step is read from the current version). */
  strategyVersion: number;
  segmentId: string | null;
  /** 1-based index of the last step taken, null before the first. */
  lastStep: number | null;
  lastStepOn: string | null;
  nextStep: number | null;
  nextDueOn: string | null;
  /** Set when the episode ended: nothing of the party was overdue any more. */
  closedOn: string | null;
}

export interface StrategyVersion {
  id: string;
  name: string;
  version: number;
  definition: StrategyDefinition;
}

export interface SegmentRef {
  id: string;
  name: string;
  position: number;
}

/** The strategy a party is dunned under, and the segment that chose it (null: the default strategy). */
export interface Placement {
  strategy: StrategyVersion;
  segment: SegmentRef | null;
}

export interface ActionInvoice {
  invoiceId: string;
  number: string;
  issueDate: string;
  dueDate: string;
  daysOverdue: number;
  amount: number;
  openAmount: number;
  currency: string;
}

/** `dunning_action.reason`: why this action exists, today. */
export interface ActionReason {
  segment: SegmentRef | null;
  strategy: { id: string; name: string; version: number };
  step: { index: number; name: string; offsetDays: number; from: Step['from'] };
  trigger: 'run' | 'manual';
  runId: string | null;
  asOf: string;
  episode: number;
  oldestDueDate: string;
  summary: string;
  /** What the collector noted on an action recorded by hand. */
  note?: string;
}

/**
 * `dunning_action.charges`: the late-payment charges a step claims, as the run computed them at its
 * as-of date (run-charges.ts; minor units), restated against what the episode claimed before
 * (late-charges' `restateCharges`). `interest`, `compensation`, `total` (their sum, added to
 * `totalOpen`) and `explanation` are what the reminders print: what is open. `claimCosts` and the
 * invoices' parts are what the episode claims in total, what the ledger records when the reminder is
 * sent; the rest says how they came about.
 */
export interface ClaimedCharges {
  /** Interest asked: claimed in the episode less what was paid and waived. */
  interest: number;
  /** Costs asked (the claim's and the invoices'), likewise. */
  compensation: number;
  total: number;
  /** The claim's own costs (WIK) the episode claims in total. */
  claimCosts?: number;
  /** What earlier reminders of the episode claimed and payments or waivers settled; absent when nothing. */
  settled?: { interest: number; compensation: number };
  /** "How it was computed", one line each, in the reminder's language. */
  explanation: string[];
  asOf: string;
  /** What the interest was computed at: a statutory table, the strategy's fixed rate, or none. */
  interestKind: 'statutory_commercial' | 'statutory' | 'fixed' | 'none';
  compensationKind: 'none' | 'eu_fixed' | 'wik';
  /** Minor units of the claim's principal (invoices less credits) charges were computed on. */
  principal: number;
  /** Why no compensation although the policy asks for it (`no_notice`, `notice_term_running`, `currency`). */
  withheld?: string;
  /** For consumers: the first day collection costs may be charged after the 14-day letter. */
  chargeableFrom?: string;
  /** The 14-day letter of this episode the costs rest on: the day it was sent, or decided while it waits to go. */
  notice: { on: string; basis: 'sent' | 'decided' } | null;
  /** The invoices charged, with their parts as the episode claims them in total. */
  invoices: {
    invoiceId: string;
    number: string;
    principal: number;
    interest: number;
    compensation: number;
  }[];
}

/** An action the evaluator decided: one row of `dunning_action`. */
export interface DecidedAction {
  idempotencyKey: string;
  debtorId: string;
  episode: number;
  strategyId: string;
  strategyVersion: number;
  stepIndex: number;
  stepName: string;
  kind: Step['action'];
  dueOn: string;
  language: string;
  currency: string;
  totalOpen: number;
  invoices: ActionInvoice[];
  credits: PartyCredit[];
  /** Set by the run when the step claims charges (run-charges.ts); `totalOpen` includes their total. */
  charges?: ClaimedCharges | null;
  reason: ActionReason;
}

/** Why a party got no action on a date. */
export const SKIP_REASONS = [
  'nothing_overdue',
  'no_strategy',
  'paused',
  'taken_today',
  'not_due',
  'below_minimum',
  'covered_by_credits',
  'path_completed',
  'stopped',
] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

/**
 * The decision for one party on one date. `state` is the state to store afterwards (the same as
 * given when nothing changes); `episodeStarted` when this decision opened a new episode.
 */
export type Decision =
  | { type: 'step'; action: DecidedAction; state: PartyState; episodeStarted: boolean }
  | { type: 'wait'; reason: SkipReason; state: PartyState; episodeStarted: boolean; nextDueOn: string | null }
  | { type: 'close'; state: PartyState }
  | { type: 'none'; reason: 'nothing_overdue' | 'no_strategy' };

/** What the evaluation needs besides the party: the date and what asked. */
export interface EvaluationContext {
  asOf: string;
  currency: string;
  trigger: 'run' | 'manual';
  runId: string | null;
}
