import { DEBTOR_TYPES, type DebtorType } from '../debtors/debtor-types.ts';
import type { ChargesPolicy } from '../late-charges/index.ts';
import { Joi } from '../shared/joi.ts';
import { minorUnits, named } from '../shared/schemas.ts';

/**
 * A dunning strategy (action path) as data: what `dunning_strategy_version.definition` holds and what
 * the API takes. Evaluation (evaluate-party.ts) reads it; strategy-check.ts refuses what cannot run.
 */

/** What a step does. Message steps send something to the debtor; the others make work or end the path. */
export const STEP_ACTIONS = [
  'email',
  'letter',
  'sms',
  'whatsapp',
  'phone_call',
  'manual_task',
  'collection',
  'stop',
] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];

/** Steps that send the debtor a message and so need a template in the strategy's default language. */
export const MESSAGE_ACTIONS: readonly StepAction[] = ['email', 'letter', 'sms', 'whatsapp'];

/** The languages reminders are written in. */
export const REMINDER_LANGUAGES = ['nl', 'en', 'de', 'fr'] as const;
export type ReminderLanguage = (typeof REMINDER_LANGUAGES)[number];

/** What an e-mail step does for a debtor without an e-mail address. */
export const STEP_FALLBACKS = ['letter', 'task'] as const;
export type StepFallback = (typeof STEP_FALLBACKS)[number];

export interface StepTemplate {
  subject?: string;
  html?: string;
  text: string;
}

export interface StepConditions {
  debtorTypes?: DebtorType[];
  /** Any of these tags. */
  tags?: string[];
  /** Any of these risk classes (the debtor's `creditRating`). */
  riskClasses?: string[];
}

export interface Step {
  name: string;
  action: StepAction;
  /** Days after `from`: the oldest due date of what the step covers, or the day the previous step was taken. */
  offsetDays: number;
  from: 'due_date' | 'previous_step';
  /** The step waits while the overdue amount (minor units, the administration's currency) is below this. */
  minOverdue?: number;
  /** The step applies only to debtors meeting these; others pass over it to the next step. */
  conditions?: StepConditions;
  /** The pay-by date the reminder states: this many days after the step is taken. */
  payWithinDays?: number;
  /** This reminder is the Dutch fourteen-day letter (art. 6:96 BW) that makes collection costs chargeable. */
  fourteenDayNotice?: boolean;
  /** The reminder claims the late-payment charges of the strategy's charges policy. */
  claimCharges?: boolean;
  /**
   * E-mail steps only: what happens for a debtor with no e-mail address. `letter` (the default) sends
   * the same reminder as a letter when the debtor has a postal address; `task` fails the action and
   * puts a task on the collector's list.
   */
  fallback?: StepFallback;
  templates?: Partial<Record<ReminderLanguage, StepTemplate>>;
}

/** The late-payment charges a strategy claims: the charges module's policy (late-charges/charges-policy.ts). */
export type { ChargesPolicy };

export interface StrategyDefinition {
  defaultLanguage: ReminderLanguage;
  charges?: ChargesPolicy;
  steps: Step[];
}

const template = Joi.object({
  subject: Joi.string().max(500),
  html: Joi.string().max(100_000),
  text: Joi.string().max(100_000).required(),
});

export const chargesPolicySchema = named(
  'ChargesPolicy',
  Joi.object({
    interest: Joi.alternatives()
      .try(
        Joi.string().valid('none', 'statutory_commercial', 'statutory'),
        Joi.object({
          fixedRatePercent: Joi.number().min(0).max(100).required(),
          compound: Joi.boolean().description("Add each year's interest to the base; off by default"),
        }),
      )
      .required()
      .description(
        '`statutory_commercial` (B2B, art. 6:119a BW), `statutory` (art. 6:119 BW), or a fixed rate',
      ),
    compensation: Joi.string()
      .valid('none', 'eu_fixed', 'wik')
      .required()
      .description('`eu_fixed`: €40 per invoice (B2B); `wik`: the Dutch scale for collection costs'),
  }),
);

export const stepSchema = named(
  'DunningStep',
  Joi.object({
    name: Joi.string().trim().min(1).max(200).required(),
    action: Joi.string()
      .valid(...STEP_ACTIONS)
      .required(),
    offsetDays: Joi.number().integer().min(0).max(3650).required(),
    from: Joi.string().valid('due_date', 'previous_step').required(),
    minOverdue: minorUnits.min(0).description('The step waits while the overdue amount is below this'),
    conditions: Joi.object({
      debtorTypes: Joi.array()
        .items(Joi.string().valid(...DEBTOR_TYPES))
        .min(1),
      tags: Joi.array().items(Joi.string().max(50)).min(1).max(50),
      riskClasses: Joi.array().items(Joi.string().max(20)).min(1).max(50),
    }).description('The step applies only to debtors meeting all of these; others pass over it'),
    payWithinDays: Joi.number().integer().min(0).max(365),
    fourteenDayNotice: Joi.boolean(),
    claimCharges: Joi.boolean(),
    fallback: Joi.string()
      .valid(...STEP_FALLBACKS)
      .description(
        'E-mail steps only: for a debtor without an e-mail address, send a letter (`letter`, the default, when the debtor has a postal address) or fail with a task (`task`)',
      ),
    templates: Joi.object(Object.fromEntries(REMINDER_LANGUAGES.map((language) => [language, template]))),
  }),
);

export const strategyDefinitionSchema = named(
  'DunningStrategyDefinition',
  Joi.object({
    defaultLanguage: Joi.string()
      .valid(...REMINDER_LANGUAGES)
      .required(),
    charges: chargesPolicySchema,
    steps: Joi.array().items(stepSchema).min(1).max(50).required(),
  }),
);

/** Day of a step counted from the due date (cumulative over `previous_step` offsets), for ordering. */
export function stepDays(steps: readonly Step[]): number[] {
  const days: number[] = [];
  for (const [index, step] of steps.entries()) {
    const previous = days[index - 1];
    days.push(
      step.from === 'previous_step' && previous !== undefined ? previous + step.offsetDays : step.offsetDays,
    );
  }
  return days;
}
