import { DEBTOR_TYPES, type DebtorType } from '../debtors/debtor-types.ts';
import { checkChargesPolicy } from '../late-charges/index.ts';
import { DomainError } from '../shared/errors.ts';
import {
  MESSAGE_ACTIONS,
  type Step,
  type StepTemplate,
  type StrategyDefinition,
  stepDays,
} from './strategy-definition.ts';
import { templateError } from './template-engine.ts';

/** One reason a strategy cannot be saved, on the field at fault (`steps[2].offsetDays`; steps count from 0 there). */
export interface StrategyProblem {
  field: string;
  message: string;
}

/**
 * The rules a strategy must keep to run, beyond its shape (joi has checked that): steps in order,
 * `stop` last, unique names, a message step's own templates (if any) in the default language and every
 * template rendering against the sample reminder, charges claimed only under a policy and, for the
 * Dutch WIK costs on consumers, only after a fourteen-day letter; then the charges module's rules for
 * the policy itself. All problems, the steps' in step order.
 */
export async function strategyProblems(definition: StrategyDefinition): Promise<StrategyProblem[]> {
  const problems: StrategyProblem[] = [];
  const { steps } = definition;
  const days = stepDays(steps);
  const names = new Set<string>();
  for (const [i, step] of steps.entries()) {
    const at = (field: string) => `steps[${i}].${field}`;
    if (i === 0 && step.from === 'previous_step') {
      problems.push({ field: at('from'), message: 'the first step counts from the due date' });
    }
    const before = days[i - 1];
    if (before !== undefined && (days[i] as number) <= before) {
      problems.push({
        field: at('offsetDays'),
        message: `step ${i + 1} falls on day ${days[i]} after the due date, not after step ${i} (day ${before})`,
      });
    }
    if (names.has(step.name.toLowerCase())) {
      problems.push({ field: at('name'), message: `another step is named "${step.name}"` });
    }
    names.add(step.name.toLowerCase());
    if (step.action === 'stop' && i < steps.length - 1) {
      problems.push({ field: at('action'), message: 'a stop step must be the last step' });
    }
    // A step without templates sends Kredo's shipped ones (default-templates.ts, every language); a
    // step with its own wording must have it in the default language, or most debtors would get ours.
    const own = Object.keys(step.templates ?? {});
    if (
      MESSAGE_ACTIONS.includes(step.action) &&
      own.length > 0 &&
      !own.includes(definition.defaultLanguage)
    ) {
      problems.push({
        field: at(`templates.${definition.defaultLanguage}`),
        message: `a ${step.action} step with its own templates needs one in the default language (${definition.defaultLanguage})`,
      });
    }
    problems.push(...(await templateProblems(step, at)));
    if (step.claimCharges && (!definition.charges || isNoCharges(definition))) {
      problems.push({ field: at('claimCharges'), message: 'the strategy has no charges policy to claim' });
    }
    if (step.fallback && step.action !== 'email') {
      problems.push({
        field: at('fallback'),
        message: `only an e-mail step has a fallback; this is a ${step.action} step`,
      });
    }
    if (step.fourteenDayNotice && !MESSAGE_ACTIONS.includes(step.action)) {
      problems.push({
        field: at('fourteenDayNotice'),
        message: 'only a message step can be the fourteen-day letter',
      });
    }
    if (step.fourteenDayNotice && (step.payWithinDays ?? 0) < 14) {
      problems.push({
        field: at('payWithinDays'),
        message: 'the fourteen-day letter gives at least 14 days to pay (art. 6:96 BW)',
      });
    }
  }
  const wik = wikWithoutNotice(definition);
  if (wik !== undefined) {
    problems.push({
      field: `steps[${wik}].claimCharges`,
      message:
        'WIK collection costs can be claimed from consumers only after a fourteen-day letter (fourteenDayNotice) in an earlier step',
    });
  }
  problems.push(...chargesProblems(definition, wik !== undefined));
  return problems;
}

/** Throws the 400 that names the first problem (all of them in `details.problems`), or returns. */
export async function checkStrategy(definition: StrategyDefinition): Promise<void> {
  const problems = await strategyProblems(definition);
  const [first] = problems;
  if (!first) return;
  throw new DomainError('invalid_request', 400, `definition.${first.field}: ${first.message}`, {
    field: first.field,
    problems,
  });
}

function isNoCharges(definition: StrategyDefinition): boolean {
  return definition.charges?.interest === 'none' && definition.charges.compensation === 'none';
}

async function templateProblems(step: Step, at: (field: string) => string): Promise<StrategyProblem[]> {
  const problems: StrategyProblem[] = [];
  for (const [language, template] of Object.entries(step.templates ?? {}) as [string, StepTemplate][]) {
    for (const field of ['subject', 'html', 'text'] as const) {
      const source = template[field];
      if (source === undefined) continue;
      const error = await templateError(source, field === 'html' ? 'html' : 'text');
      if (error) problems.push({ field: at(`templates.${language}.${field}`), message: error });
    }
  }
  return problems;
}

/** Could the step run for a consumer? Without a `debtorTypes` condition it runs for everyone. */
const reachesConsumers = (step: Step) =>
  !step.conditions?.debtorTypes || step.conditions.debtorTypes.includes('b2c');

/**
 * The index of the first step claiming collection costs from consumers with no fourteen-day letter to
 * consumers before it; undefined when the strategy keeps the rule. Any compensation counts: a consumer
 * is charged the WIK scale also under `eu_fixed` (late-charges/claim-compensation.ts).
 */
function wikWithoutNotice(definition: StrategyDefinition): number | undefined {
  const compensation = definition.charges?.compensation;
  if (compensation === undefined || compensation === 'none') return undefined;
  let noticed = false;
  for (const [i, step] of definition.steps.entries()) {
    if (!reachesConsumers(step)) continue;
    if (step.claimCharges && !noticed) return i;
    if (step.fourteenDayNotice) noticed = true;
  }
  return undefined;
}

/**
 * The charges module's rules for the policy (late-charges' `checkChargesPolicy`), on this strategy's
 * fields: a step's channel is its `action`; a step that sends nothing is refused as the fourteen-day
 * letter above, so only message steps pass a channel. Whom the strategy charges: the debtor types its
 * `claimCharges` steps reach (those of all its steps when none claims). The module's coarse "no
 * fourteen-day letter at all" (`steps`) is left out when `wikWithoutNotice` named the step already.
 */
function chargesProblems(definition: StrategyDefinition, noticeReported: boolean): StrategyProblem[] {
  const { charges, steps } = definition;
  if (!charges) return [];
  const problems = checkChargesPolicy(
    charges,
    steps.map((step) => ({
      fourteenDayNotice: step.fourteenDayNotice === true,
      channel: MESSAGE_ACTIONS.includes(step.action) ? step.action : undefined,
    })),
    chargedTypes(steps),
  );
  return problems
    .filter((problem) => !(noticeReported && problem.field === 'steps'))
    .map((problem) => ({ field: problem.field.replace(/\.channel$/, '.action'), message: problem.message }));
}

function chargedTypes(steps: readonly Step[]): DebtorType[] {
  const claiming = steps.filter((step) => step.claimCharges);
  const reached = new Set(
    (claiming.length > 0 ? claiming : steps).flatMap((step) => step.conditions?.debtorTypes ?? DEBTOR_TYPES),
  );
  return DEBTOR_TYPES.filter((type) => reached.has(type));
}
