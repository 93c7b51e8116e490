import type { ReminderTemplate } from './default-templates.ts';

/**
 * What delivery reads of a strategy step (dunning_strategy_version.definition.steps[i], written by the
 * engine's strategy-definition.ts): its templates per language, the pay-within days, whether it is
 * the fourteen-day letter and whether that letter announces collection costs (the strategy's charges
 * policy has a compensation). Read defensively: a field of the wrong shape counts as absent.
 */
export interface StepForDelivery {
  /** Counted from 0 (the action's `stepIndex` counts from 1). */
  index: number;
  name: string;
  templates: Record<string, ReminderTemplate>;
  payWithinDays?: number;
  fourteenDayNotice: boolean;
  /** The fourteen-day letter of a strategy charging collection costs: it names their amount to a consumer. */
  announcesCosts: boolean;
  /** An e-mail step's answer to a debtor without an e-mail address: a letter unless the step says `task`. */
  fallback: 'letter' | 'task';
}

export function stepForDelivery(
  index: number,
  name: string,
  definition: unknown,
  charges: unknown = null,
): StepForDelivery {
  const step = (definition && typeof definition === 'object' ? definition : {}) as Record<string, unknown>;
  const templates: Record<string, ReminderTemplate> = {};
  const given =
    step.templates && typeof step.templates === 'object' ? (step.templates as Record<string, unknown>) : {};
  for (const [language, value] of Object.entries(given)) {
    const t = (value ?? {}) as Record<string, unknown>;
    if (typeof t.text !== 'string') continue;
    templates[language] = {
      text: t.text,
      ...(typeof t.subject === 'string' ? { subject: t.subject } : {}),
      ...(typeof t.html === 'string' ? { html: t.html } : {}),
    };
  }
  return {
    index,
    name,
    templates,
    ...(Number.isInteger(step.payWithinDays) ? { payWithinDays: step.payWithinDays as number } : {}),
    fourteenDayNotice: step.fourteenDayNotice === true,
    announcesCosts: step.fourteenDayNotice === true && chargesCosts(charges),
    fallback: step.fallback === 'task' ? 'task' : 'letter',
  };
}

/** Whether a charges policy claims compensation for collection costs (consumers are charged the WIK scale). */
function chargesCosts(charges: unknown): boolean {
  const compensation = (charges as { compensation?: unknown } | null)?.compensation;
  return compensation === 'wik' || compensation === 'eu_fixed';
}
