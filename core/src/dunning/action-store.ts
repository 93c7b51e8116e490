import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../shared/errors.ts';
import { Joi } from '../shared/joi.ts';
import { currency, instant, isoDate, minorUnits, money, named, prefixedId } from '../shared/schemas.ts';
import type { ActionInvoice, ActionReason, PartyCredit } from './evaluate-types.ts';
import { STEP_ACTIONS } from './strategy-definition.ts';

/** Where an action stands: decided (`pending`), on its way, done, or not to be done. */
export const ACTION_STATUSES = [
  'pending',
  'sending',
  'sent',
  'failed',
  'task_created',
  'skipped',
  'cancelled',
] as const;

interface Columns {
  id: string;
  administration_id: string;
  debtor_id: string;
  run_id: string | null;
  episode: number;
  strategy_id: string;
  strategy_version: number;
  step_index: number;
  step_name: string;
  kind: string;
  idempotency_key: string;
  status: string;
  due_on: string;
  language: string;
  currency: string;
  total_open: string;
  invoices: ActionInvoice[];
  credits: PartyCredit[];
  charges: Record<string, unknown> | null;
  reason: ActionReason;
  manual: boolean;
  created_by: string | null;
  attempts: number;
  last_error: Record<string, unknown> | null;
  delivery: Record<string, unknown> | null;
  sent_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `select id, administration_id, debtor_id, run_id, episode, strategy_id, strategy_version, step_index,
  step_name, kind, idempotency_key, status, due_on::text, language, currency, total_open, invoices, credits, charges,
  reason, manual, created_by, attempts, last_error, delivery, sent_at, created_at, updated_at from dunning_action`;

export function presentAction(a: Columns) {
  return {
    id: a.id,
    administrationId: a.administration_id,
    debtorId: a.debtor_id,
    runId: a.run_id,
    episode: a.episode,
    strategyId: a.strategy_id,
    strategyVersion: a.strategy_version,
    stepIndex: a.step_index,
    stepName: a.step_name,
    kind: a.kind,
    idempotencyKey: a.idempotency_key,
    status: a.status,
    dueOn: a.due_on,
    language: a.language,
    totalOpen: { amount: Number(a.total_open), currency: a.currency },
    invoices: a.invoices,
    credits: a.credits,
    charges: a.charges,
    reason: a.reason,
    manual: a.manual,
    createdBy: a.created_by,
    attempts: a.attempts,
    lastError: a.last_error,
    delivery: a.delivery,
    sentAt: a.sent_at,
    createdAt: a.created_at,
    updatedAt: a.updated_at,
  };
}

export const actionView = named(
  'DunningAction',
  Joi.object({
    id: prefixedId('dac').required(),
    administrationId: prefixedId('adm').required(),
    debtorId: prefixedId('dbt').required().description('The dunned party: the debtor, or its group’s parent'),
    runId: prefixedId('drn').allow(null).required().description('null for an action recorded by hand'),
    episode: Joi.number().integer().min(1).required(),
    strategyId: prefixedId('dst').required(),
    strategyVersion: Joi.number().integer().min(1).required().description('The version that made it'),
    stepIndex: Joi.number().integer().min(1).required().description('1 is the first step'),
    stepName: Joi.string().required(),
    kind: Joi.string()
      .valid(...STEP_ACTIONS)
      .required(),
    idempotencyKey: Joi.string().required().description('`dun:<debtor>:e<episode>:<strategy>:s<step>`'),
    status: Joi.string()
      .valid(...ACTION_STATUSES)
      .required(),
    dueOn: isoDate.required().description('The business date the run decided it'),
    language: Joi.string().required(),
    totalOpen: money
      .required()
      .description('Invoices less credits (plus charges when claimed): the amount asked'),
    invoices: Joi.array()
      .items(
        Joi.object({
          invoiceId: prefixedId('inv').required(),
          number: Joi.string().required(),
          issueDate: isoDate.required(),
          dueDate: isoDate.required(),
          daysOverdue: Joi.number().integer().required(),
          amount: minorUnits.required(),
          openAmount: minorUnits.required(),
          currency: currency.required(),
        }),
      )
      .required()
      .description('The overdue invoices covered, oldest due first'),
    credits: Joi.array()
      .items(
        Joi.object({
          kind: Joi.string().valid('credit_note', 'unallocated_payment').required(),
          id: Joi.string().required(),
          reference: Joi.string().required(),
          amount: minorUnits.required(),
        }),
      )
      .required()
      .description('Credit notes and unallocated payments lowering the amount asked (negative amounts)'),
    charges: Joi.object().unknown(true).allow(null).required(),
    reason: Joi.object({ summary: Joi.string().required() })
      .unknown(true)
      .required()
      .description(
        'Why: segment, strategy and version, step, trigger, run, as-of date, episode and one sentence',
      ),
    manual: Joi.boolean().required(),
    createdBy: Joi.string().allow(null).required(),
    attempts: Joi.number().integer().required(),
    lastError: Joi.object().unknown(true).allow(null).required(),
    delivery: Joi.object().unknown(true).allow(null).required(),
    sentAt: instant.allow(null).required(),
    createdAt: instant.required(),
    updatedAt: instant.required(),
  }),
);

export interface ActionFilter {
  administrationId?: string;
  debtorId?: string;
  status?: string;
  kind?: string;
  runId?: string;
  /** The last id of the previous page: newest first. */
  before?: string;
  limit: number;
}

export async function listActions(em: EntityManager, filter: ActionFilter): Promise<Columns[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  for (const [column, value] of [
    ['administration_id', filter.administrationId],
    ['debtor_id', filter.debtorId],
    ['status', filter.status],
    ['kind', filter.kind],
    ['run_id', filter.runId],
  ] as const) {
    if (value === undefined) continue;
    where.push(`${column} = ?`);
    params.push(value);
  }
  if (filter.before) {
    where.push('id < ?');
    params.push(filter.before);
  }
  return em.execute<Columns[]>(
    `${SELECT} ${where.length ? `where ${where.join(' and ')}` : ''} order by id desc limit ?`,
    [...params, filter.limit + 1],
  );
}

export async function readAction(em: EntityManager, id: string): Promise<Columns> {
  const [row] = await em.execute<Columns[]>(`${SELECT} where id = ?`, [id]);
  if (!row) throw notFound('Dunning action', id);
  return row;
}
