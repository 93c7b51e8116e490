import { Joi } from '../shared/joi.ts';
import { currency, instant, isoDate, minorUnits, named, prefixedId } from '../shared/schemas.ts';

/** How a call or a piece of work ended: what `POST /tasks/{taskId}/complete` takes. */
export const OUTCOME_RESULTS = [
  'reached',
  'no_answer',
  'wrong_number',
  'voicemail',
  'promise_recorded',
  'dispute_recorded',
  'done',
  'other',
] as const;
export type OutcomeResult = (typeof OUTCOME_RESULTS)[number];

export interface TaskOutcome {
  result: OutcomeResult;
  note?: string;
  promiseId?: string;
  disputeId?: string;
}

export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** A task as the agenda query returns it: the task's columns and its debtor's summary. */
export interface TaskRow {
  id: string;
  administration_id: string;
  debtor_id: string;
  kind: string;
  title: string;
  body: string | null;
  assignee: string | null;
  due_on: string;
  status: TaskStatus;
  outcome: TaskOutcome | null;
  source_type: string | null;
  source_id: string | null;
  created_by: string | null;
  completed_by: string | null;
  completed_at: string | Date | null;
  created_at: string | Date;
  updated_at: string | Date;
  debtor_name: string;
  debtor_number: string;
  debtor_collector: string | null;
  credit_score: number | null;
  overdue: { currency: string; amount: number | string }[];
  oldest_days_overdue: number | null;
  overdue_invoice_count: number | string;
  sort_key: number | string;
}

// Not a named component: the task answers it nullable, which a reference cannot carry.
export const outcomeSchema = Joi.object({
  result: Joi.string()
    .valid(...OUTCOME_RESULTS)
    .required(),
  note: Joi.string().max(10000).description('What was said or done, plain text'),
  promiseId: prefixedId('prm').description('The promise to pay recorded during the call'),
  disputeId: prefixedId('dsp').description('The dispute recorded during the call'),
});

/** A task as the API answers it, with what a screen shows of its debtor: what `presentTask` builds. */
export const taskView = named(
  'Task',
  Joi.object({
    id: prefixedId('tsk').required(),
    administrationId: prefixedId('adm').required(),
    debtorId: prefixedId('dbt').required(),
    kind: Joi.string()
      .required()
      .description('`manual`, `phone_call`, `dunning_resumed`, `dispute`, `channel_unavailable` …'),
    title: Joi.string().required(),
    body: Joi.string().allow(null).required(),
    assignee: Joi.string()
      .allow(null)
      .required()
      .description('The staff user (token subject); null: unassigned'),
    dueOn: isoDate.required(),
    status: Joi.string()
      .valid(...TASK_STATUSES)
      .required(),
    outcome: outcomeSchema.allow(null).required(),
    source: Joi.object({ type: Joi.string().required(), id: Joi.string().allow(null).required() })
      .allow(null)
      .required()
      .description('What made the task: a dunning action, a dispute, a promise, a plan, a pause'),
    createdBy: Joi.string().allow(null).required(),
    completedBy: Joi.string().allow(null).required(),
    completedAt: instant.allow(null).required(),
    createdAt: instant.required(),
    updatedAt: instant.required(),
    debtor: named(
      'TaskDebtor',
      Joi.object({
        name: Joi.string().required(),
        number: Joi.string().required(),
        collector: Joi.string().allow(null).required(),
        creditScore: Joi.number().integer().allow(null).required().description('Latest credit check, 0–100'),
        overdue: Joi.array()
          .items(Joi.object({ currency: currency.required(), amount: minorUnits.required() }))
          .required()
          .description('Open amount of its overdue invoices, per currency'),
        oldestDaysOverdue: Joi.number()
          .integer()
          .allow(null)
          .required()
          .description('Days overdue of its oldest overdue invoice; null: nothing overdue'),
        overdueInvoiceCount: Joi.number().integer().required(),
      }),
    ).required(),
  }),
);

export function presentTask(row: TaskRow) {
  return {
    id: row.id,
    administrationId: row.administration_id,
    debtorId: row.debtor_id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    assignee: row.assignee,
    dueOn: row.due_on,
    status: row.status,
    outcome: row.outcome,
    source: row.source_type ? { type: row.source_type, id: row.source_id } : null,
    createdBy: row.created_by,
    completedBy: row.completed_by,
    completedAt: row.completed_at == null ? null : new Date(row.completed_at),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    debtor: {
      name: row.debtor_name,
      number: row.debtor_number,
      collector: row.debtor_collector,
      creditScore: row.credit_score,
      overdue: row.overdue.map((o) => ({ currency: o.currency, amount: Number(o.amount) })),
      oldestDaysOverdue: row.oldest_days_overdue,
      overdueInvoiceCount: Number(row.overdue_invoice_count),
    },
  };
}
