import type { PaymentPlanRecord } from '@kredo/sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../shared/errors.ts';
import { Joi } from '../shared/joi.ts';
import { instant, isoDate, minorUnits, money, named, prefixedId } from '../shared/schemas.ts';
import { type InstalmentState, planState } from './arrangement-verdict.ts';
import { type ArrangementFilter, listArrangements } from './list-arrangements.ts';
import { FREQUENCIES, type Frequency, type Instalment } from './plan-schedule.ts';

export const PLAN_STATUSES = ['active', 'completed', 'defaulted', 'cancelled'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** A payment plan as stored; business dates as `YYYY-MM-DD` text (PLAN_COLUMNS). */
export interface PlanRow {
  id: string;
  administration_id: string;
  debtor_id: string;
  invoice_ids: string[];
  currency: string;
  principal: string | number;
  interest: string | number;
  total: string | number;
  frequency: Frequency | null;
  interest_rate_percent: string | null;
  grace_days: number;
  schedule: Instalment[];
  made_on: string;
  status: PlanStatus;
  paid: string | number;
  /** The business date the plan completed, defaulted or was cancelled: its instalments are shown as of then. */
  closed_on: string | null;
  closed_at: string | Date | null;
  created_by: string | null;
  created_at: string | Date;
  updated_at: string | Date;
}

export const PLAN_COLUMNS = `id, administration_id, debtor_id, invoice_ids, currency, principal, interest, total,
  frequency, interest_rate_percent::text as interest_rate_percent, grace_days, schedule,
  to_char(made_on, 'YYYY-MM-DD') as made_on, status, paid,
  to_char(closed_on, 'YYYY-MM-DD') as closed_on, closed_at, created_by, created_at, updated_at`;

export const planView = named(
  'PaymentPlan',
  Joi.object({
    id: prefixedId('ppl').required(),
    administrationId: prefixedId('adm').required(),
    debtorId: prefixedId('dbt').required(),
    invoiceIds: Joi.array().items(prefixedId('inv')).min(1).required(),
    principal: money.required().description('The covered invoices’ open total when the plan was made'),
    interest: money.required(),
    total: money.required().description('principal + interest: what the instalments add up to'),
    frequency: Joi.string()
      .valid(...FREQUENCIES)
      .allow(null)
      .required()
      .description('null for a schedule given by hand'),
    interestRatePercent: Joi.number().allow(null).required().description('Annual, simple'),
    graceDays: Joi.number().integer().required(),
    madeOn: isoDate.required(),
    status: Joi.string()
      .valid(...PLAN_STATUSES)
      .required(),
    paid: money.required().description('Paid towards the plan since it was made, as of the last check'),
    instalments: Joi.array()
      .items(
        named(
          'Instalment',
          Joi.object({
            seq: Joi.number().integer().min(1).required(),
            dueOn: isoDate.required(),
            amount: minorUnits.required(),
            principal: minorUnits.required(),
            interest: minorUnits.required(),
            paid: minorUnits
              .required()
              .description('What of the payments so far covers it (they fill instalments in order)'),
            status: Joi.string().valid('paid', 'partly_paid', 'due', 'missed').required(),
          }),
        ),
      )
      .required(),
    closedAt: instant.allow(null).required(),
    createdBy: Joi.string().allow(null).required(),
    createdAt: instant.required(),
  }),
);

/** The plan with each instalment's share of what was paid, as of `today` (or of the day it closed). */
export function presentPlan(row: PlanRow, today: string) {
  const amount = (value: string | number) => ({ amount: Number(value), currency: row.currency });
  const asOf = row.closed_on ?? today;
  const { instalments } = planState(
    { schedule: row.schedule, graceDays: row.grace_days },
    Number(row.paid),
    asOf,
  );
  return {
    id: row.id,
    administrationId: row.administration_id,
    debtorId: row.debtor_id,
    invoiceIds: row.invoice_ids,
    principal: amount(row.principal),
    interest: amount(row.interest),
    total: amount(row.total),
    frequency: row.frequency,
    interestRatePercent: row.interest_rate_percent === null ? null : Number(row.interest_rate_percent),
    graceDays: row.grace_days,
    madeOn: row.made_on,
    status: row.status,
    paid: amount(row.paid),
    instalments: instalments.map(({ seq, dueOn, amount: due, principal, interest, paid, status }) => ({
      seq,
      dueOn,
      amount: due,
      principal,
      interest,
      paid,
      status,
    })),
    closedAt: row.closed_at === null ? null : new Date(row.closed_at),
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
  };
}

/** The SDK's PaymentPlanRecord: what `plan.created`, `plan.completed` and `plan.defaulted` carry. */
export function planRecord(row: PlanRow, instalments: readonly InstalmentState[] = []): PaymentPlanRecord {
  const money = (value: number) => ({ amount: value, currency: row.currency });
  return {
    id: row.id,
    debtorId: row.debtor_id,
    invoiceIds: row.invoice_ids,
    total: money(Number(row.total)),
    instalments: row.schedule.map((i, index) => ({
      dueOn: i.dueOn,
      amount: money(i.amount),
      paid: money(instalments[index]?.paid ?? 0),
    })),
    status: row.status,
  };
}

export async function getPlan(em: EntityManager, id: string, forUpdate = false): Promise<PlanRow> {
  const [row] = await em.execute<PlanRow[]>(
    `select ${PLAN_COLUMNS} from payment_plan where id = ?${forUpdate ? ' for update' : ''}`,
    [id],
  );
  if (!row) throw notFound('Payment plan', id);
  return row;
}

export function listPlans(em: EntityManager, filter: ArrangementFilter<PlanStatus>): Promise<PlanRow[]> {
  return listArrangements<PlanRow, PlanStatus>(em, { table: 'payment_plan', columns: PLAN_COLUMNS }, filter);
}
