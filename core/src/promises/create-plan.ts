import type { EntityManager } from '@mikro-orm/postgresql';
import { businessDateOf } from '../administrations/business-date.ts';
import { readDebtor } from '../debtors/debtor-service.ts';
import { liftPauses, placePause } from '../dunning/pauses.ts';
import { recordEvent } from '../events/index.ts';
import { DomainError, invalid } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { addDays } from '../shared/iso-date.ts';
import { readArrangementSettings } from './arrangement-settings.ts';
import { planRuleBreach } from './arrangement-verdict.ts';
import { coveredInvoices } from './covered-invoices.ts';
import {
  explicitSchedule,
  type Frequency,
  generateSchedule,
  type Instalment,
  scheduleTotals,
} from './plan-schedule.ts';
import { getPlan, PLAN_COLUMNS, type PlanRow, planRecord } from './plan-store.ts';

export interface PlanInput {
  invoiceIds: string[];
  /** A number of equal instalments (with `frequency` and `firstDueOn`) … */
  instalments?: number;
  /** … or the instalments agreed by hand, adding up to the invoices' open total. */
  schedule?: { dueOn: string; amount: number }[];
  frequency?: Frequency;
  firstDueOn?: string;
  /** Annual, simple interest on the outstanding principal per period (generated schedules only). */
  interestRatePercent?: number;
  /** Default the administration's plan grace days. */
  graceDays?: number;
}

/**
 * Makes a payment plan for some of a debtor's open invoices, inside the caller's transaction:
 * 1. the covered invoices and their open total (the principal);
 * 2. the schedule: generated (equal principal parts, remainder on the last, simple interest on the
 *    outstanding principal per period) or the one given, which must add up to the principal;
 * 3. the administration's rules (most instalments, smallest instalment): 422 `plan_rule_violated`;
 * 4. the plan stored, a pause per invoice until the last instalment plus the grace days, `plan.created`.
 */
export async function createPlan(
  em: EntityManager,
  tenantId: string,
  actor: string,
  debtorId: string,
  input: PlanInput,
  options: { today?: string } = {},
): Promise<PlanRow> {
  const debtor = await readDebtor(em, debtorId);
  const covered = await coveredInvoices(em, debtor, input.invoiceIds);
  const today = options.today ?? (await businessDateOf(em, debtor.administrationId));
  const schedule = planSchedule(input, covered.openTotal, today);
  const settings = await readArrangementSettings(em, debtor.administrationId);
  const breach = planRuleBreach(schedule, {
    maxInstalments: settings.planMaxInstalments,
    minInstalment: settings.planMinInstalment,
  });
  if (breach) {
    throw new DomainError('plan_rule_violated', 422, `${breach.rule}: ${breach.message}`, {
      rule: breach.rule,
      limit: breach.limit,
      actual: breach.actual,
    });
  }
  const graceDays = input.graceDays ?? settings.planGraceDays;
  const totals = scheduleTotals(schedule);
  const id = newId('paymentPlan');
  const [row] = await em.execute<PlanRow[]>(
    `insert into payment_plan (tenant_id, id, administration_id, debtor_id, invoice_ids, currency, principal, interest,
       total, frequency, interest_rate_percent, grace_days, schedule, made_on, created_by)
     values (?, ?, ?, ?, array[?]::text[], ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?) returning ${PLAN_COLUMNS}`,
    [
      tenantId,
      id,
      debtor.administrationId,
      debtor.id,
      covered.invoices.map((i) => i.id),
      covered.currency,
      totals.principal,
      totals.interest,
      totals.total,
      input.schedule ? null : (input.frequency ?? 'monthly'),
      input.schedule ? null : (input.interestRatePercent ?? null),
      graceDays,
      JSON.stringify(schedule),
      today,
      actor,
    ],
  );
  const plan = row as PlanRow;
  await placePause(em, tenantId, {
    administrationId: debtor.administrationId,
    debtorId: debtor.id,
    invoiceIds: plan.invoice_ids,
    kind: 'plan',
    sourceId: id,
    reason: `Payment plan of ${schedule.length} instalment(s)`,
    startsOn: today,
    endsOn: addDays((schedule.at(-1) as Instalment).dueOn, graceDays),
    createdBy: actor,
  });
  await recordEvent(em, tenantId, 'plan.created', { plan: planRecord(plan) });
  return plan;
}

/** The schedule the input asks for, its dates checked against today and each other. */
function planSchedule(input: PlanInput, principal: number, today: string): Instalment[] {
  if (input.schedule) {
    const sum = input.schedule.reduce((s, i) => s + i.amount, 0);
    if (sum !== principal) {
      throw invalid('schedule', `the amounts add up to ${sum}, the invoices' open total is ${principal}`);
    }
    input.schedule.forEach((entry, index) => {
      const previous = index === 0 ? today : (input.schedule?.[index - 1]?.dueOn as string);
      if (entry.dueOn < previous || (index > 0 && entry.dueOn === previous)) {
        throw invalid(`schedule[${index}].dueOn`, 'due dates go up, from today on');
      }
    });
    return explicitSchedule(input.schedule);
  }
  const firstDueOn = input.firstDueOn;
  if (!firstDueOn) throw invalid('firstDueOn', 'is required with instalments');
  if (firstDueOn < today) throw invalid('firstDueOn', `must not be before today (${today})`);
  return generateSchedule({
    principal,
    count: input.instalments as number,
    frequency: input.frequency ?? 'monthly',
    firstDueOn,
    interestRatePercent: input.interestRatePercent,
  });
}

/** Ends an active plan by agreement: its pauses lifted (`cancelled`), so dunning resumes where it stood. */
export async function cancelPlan(em: EntityManager, id: string): Promise<PlanRow> {
  const plan = await getPlan(em, id, true);
  if (plan.status !== 'active') {
    throw new DomainError('arrangement_closed', 409, `Payment plan ${id} is ${plan.status}`, {
      status: plan.status,
    });
  }
  const [row] = await em.execute<PlanRow[]>(
    `update payment_plan set status = 'cancelled', closed_at = now(), closed_on = ?, updated_at = now()
     where id = ? returning ${PLAN_COLUMNS}`,
    [await businessDateOf(em, plan.administration_id), id],
  );
  await liftPauses(em, { kind: 'plan', sourceId: id }, 'cancelled');
  return row as PlanRow;
}
