import { addDays } from '../shared/iso-date.ts';
import { actionSummary } from './evaluate-reason.ts';
import type {
  ActionInvoice,
  DecidedAction,
  Decision,
  EvaluationContext,
  PartyFacts,
  PartyInvoice,
  PartyState,
  Placement,
  SkipReason,
} from './evaluate-types.ts';
import {
  MESSAGE_ACTIONS,
  REMINDER_LANGUAGES,
  type Step,
  type StrategyDefinition,
} from './strategy-definition.ts';

/**
 * Decides what is due for one dunned party on one date: a pure function of its facts (overdue
 * invoices with their pauses, credits, attributes), its state and its placement (the strategy, at its
 * current version, and the segment that chose it). The rules, in the order they apply:
 *
 * 1. Nothing overdue (paused invoices count as overdue): an open episode closes; else nothing.
 * 2. No open episode: one starts today under `placement` (none: skip `no_strategy`), at the first step.
 * 3. Everything overdue is paused: the party waits where it stands (`paused`).
 * 4. At most one step per business date: a party that took a step today (or later) waits (`taken_today`).
 *    So missed runs catch up one step per run day, each step once, none skipped.
 * 5. The next step is the one after the last taken, read by index from the current version; steps whose
 *    conditions the party does not meet are passed over. None left: `path_completed` (`stopped` after a stop).
 * 6. Its date: `offsetDays` after the oldest due date of the unpaused overdue invoices (`due_date`), or
 *    after the day the last step was taken (`previous_step`). Later than today: `not_due`.
 * 7. `minOverdue` above the unpaused overdue amount: `below_minimum`. Credits covering it all:
 *    `covered_by_credits`.
 * 8. Else the step is taken: one action for all unpaused overdue invoices of the party (invoices that
 *    fell due during the episode join it; the highest step governs), each with its own days overdue.
 */
export function evaluateParty(
  facts: PartyFacts,
  state: PartyState | null,
  placement: Placement | null,
  context: EvaluationContext,
): Decision {
  const { asOf } = context;
  const open = state !== null && state.closedOn === null;
  if (facts.invoices.length === 0) {
    return open
      ? { type: 'close', state: { ...state, closedOn: asOf } }
      : { type: 'none', reason: 'nothing_overdue' };
  }
  if (!placement) return { type: 'none', reason: 'no_strategy' };
  const current: PartyState = open ? state : newEpisode(state, placement, asOf);
  const episodeStarted = !open;
  /** `next`: the step waited for and its date; null: none left; undefined: as the state says. */
  const wait = (reason: SkipReason, next?: { index: number; dueOn: string } | null): Decision => ({
    type: 'wait',
    reason,
    episodeStarted,
    nextDueOn: next === undefined ? current.nextDueOn : (next?.dueOn ?? null),
    state:
      next === undefined
        ? current
        : { ...current, nextStep: next?.index ?? null, nextDueOn: next?.dueOn ?? null },
  });

  const active = facts.invoices.filter((invoice) => !invoice.paused);
  if (active.length === 0) return wait('paused');
  if (current.lastStepOn !== null && current.lastStepOn >= asOf) return wait('taken_today');

  const definition = placement.strategy.definition;
  const index = nextStepIndex(definition, facts, current.lastStep ?? 0);
  if (index === null) {
    const last = current.lastStep === null ? undefined : definition.steps[current.lastStep - 1];
    return wait(last?.action === 'stop' ? 'stopped' : 'path_completed', null);
  }
  const step = definition.steps[index - 1] as Step;
  const oldestDue = oldestDueDate(active);
  const dueOn = stepDate(step, oldestDue, current.lastStepOn);
  if (dueOn > asOf) return wait('not_due', { index, dueOn });
  const overdue = active.reduce((sum, invoice) => sum + invoice.openAmount, 0);
  if (step.minOverdue !== undefined && overdue < step.minOverdue)
    return wait('below_minimum', { index, dueOn });
  const totalOpen = overdue + facts.credits.reduce((sum, credit) => sum + credit.amount, 0);
  if (totalOpen <= 0) return wait('covered_by_credits', { index, dueOn });

  const following = nextStepIndex(definition, facts, index);
  const followingStep = following === null ? undefined : definition.steps[following - 1];
  const state2: PartyState = {
    ...current,
    strategyVersion: placement.strategy.version,
    lastStep: index,
    lastStepOn: asOf,
    nextStep: following,
    nextDueOn: followingStep ? stepDate(followingStep, oldestDue, asOf) : null,
  };
  const action = decideAction(facts, placement, current.episode, index, step, active, totalOpen, context);
  return { type: 'step', action, state: state2, episodeStarted };
}

/** The first step after `after` (1-based) whose conditions the party meets, or null. */
export function nextStepIndex(
  definition: StrategyDefinition,
  facts: PartyFacts,
  after: number,
): number | null {
  for (let index = after + 1; index <= definition.steps.length; index++) {
    if (stepApplies(definition.steps[index - 1] as Step, facts)) return index;
  }
  return null;
}

function stepApplies(step: Step, facts: PartyFacts): boolean {
  const c = step.conditions;
  if (!c) return true;
  if (c.debtorTypes && !c.debtorTypes.includes(facts.type)) return false;
  if (c.tags && !c.tags.some((tag) => facts.tags.includes(tag))) return false;
  if (c.riskClasses && (facts.riskClass === null || !c.riskClasses.includes(facts.riskClass))) return false;
  return true;
}

/** The date a step falls due: after the last step taken (`previous_step`, when there was one), else after the oldest due date. */
export function stepDate(step: Step, oldestDue: string, lastStepOn: string | null): string {
  return addDays(
    step.from === 'previous_step' && lastStepOn !== null ? lastStepOn : oldestDue,
    step.offsetDays,
  );
}

function oldestDueDate(invoices: readonly PartyInvoice[]): string {
  // ISO dates sort as text; Math.min does not take strings.
  return invoices.map((invoice) => invoice.dueDate).sort()[0] ?? '9999-12-31';
}

const MS_PER_DAY = 86_400_000;
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(to) - Date.parse(from)) / MS_PER_DAY);

/** `dun:<party>:e<episode>:<strategy>:s<step>`: one action per party, episode, strategy and step, ever. */
export function actionKey(debtorId: string, episode: number, strategyId: string, stepIndex: number): string {
  return `dun:${debtorId}:e${episode}:${strategyId}:s${stepIndex}`;
}

/** The reminder's language: the contact's or debtor's when the step has a template in it, else the default. */
function reminderLanguage(step: Step, definition: StrategyDefinition, preferred: string | null): string {
  const known = REMINDER_LANGUAGES.find((language) => language === preferred);
  if (!known) return definition.defaultLanguage;
  if (MESSAGE_ACTIONS.includes(step.action) && !step.templates?.[known]) return definition.defaultLanguage;
  return known;
}

export function decideAction(
  facts: PartyFacts,
  placement: Placement,
  episode: number,
  index: number,
  step: Step,
  active: readonly PartyInvoice[],
  totalOpen: number,
  context: EvaluationContext,
): DecidedAction {
  const { strategy, segment } = placement;
  const invoices: ActionInvoice[] = [...active]
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.number < b.number ? -1 : 1))
    .map((invoice) => ({
      invoiceId: invoice.invoiceId,
      number: invoice.number,
      issueDate: invoice.issueDate,
      dueDate: invoice.dueDate,
      daysOverdue: daysBetween(invoice.dueDate, context.asOf),
      amount: invoice.amount,
      openAmount: invoice.openAmount,
      currency: invoice.currency,
    }));
  const summary = actionSummary({
    stepName: step.name,
    action: step.action,
    strategyName: strategy.name,
    version: strategy.version,
    stepIndex: index,
    invoices,
    totalOpen,
    currency: context.currency,
    segment,
    manual: context.trigger === 'manual',
  });
  return {
    idempotencyKey: actionKey(facts.debtorId, episode, strategy.id, index),
    debtorId: facts.debtorId,
    episode,
    strategyId: strategy.id,
    strategyVersion: strategy.version,
    stepIndex: index,
    stepName: step.name,
    kind: step.action,
    dueOn: context.asOf,
    language: reminderLanguage(step, strategy.definition, facts.language),
    currency: context.currency,
    totalOpen,
    invoices,
    credits: facts.credits,
    reason: {
      segment,
      strategy: { id: strategy.id, name: strategy.name, version: strategy.version },
      step: { index, name: step.name, offsetDays: step.offsetDays, from: step.from },
      trigger: context.trigger,
      runId: context.runId,
      asOf: context.asOf,
      episode,
      oldestDueDate: invoices[0]?.dueDate ?? context.asOf,
      summary,
    },
  };
}

/** The state of a party's next episode, started on `asOf` under `placement`, before any step. */
export function newEpisode(
  previous: PartyState | null | undefined,
  placement: Placement,
  asOf: string,
): PartyState {
  return {
    episode: (previous?.episode ?? 0) + 1,
    episodeStartedOn: asOf,
    strategyId: placement.strategy.id,
    strategyVersion: placement.strategy.version,
    segmentId: placement.segment?.id ?? null,
    lastStep: null,
    lastStepOn: null,
    nextStep: null,
    nextDueOn: null,
    closedOn: null,
  };
}
