import type { PromiseRecord } from '@kredo/sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../shared/errors.ts';
import { Joi } from '../shared/joi.ts';
import { instant, isoDate, money, named, prefixedId } from '../shared/schemas.ts';
import { type ArrangementFilter, listArrangements } from './list-arrangements.ts';

export const PROMISE_STATUSES = ['open', 'kept', 'broken', 'cancelled'] as const;
export type PromiseStatus = (typeof PROMISE_STATUSES)[number];

/** A promise to pay as stored; business dates as `YYYY-MM-DD` text (PROMISE_COLUMNS). */
export interface PromiseRow {
  id: string;
  administration_id: string;
  debtor_id: string;
  invoice_ids: string[];
  currency: string;
  amount: string | number;
  open_at_start: string | number;
  promised_on: string;
  grace_days: number;
  made_on: string;
  status: PromiseStatus;
  paid: string | number;
  closed_at: string | Date | null;
  created_by: string | null;
  created_at: string | Date;
  updated_at: string | Date;
}

export const PROMISE_COLUMNS = `id, administration_id, debtor_id, invoice_ids, currency, amount, open_at_start,
  to_char(promised_on, 'YYYY-MM-DD') as promised_on, grace_days, to_char(made_on, 'YYYY-MM-DD') as made_on,
  status, paid, closed_at, created_by, created_at, updated_at`;

export const promiseView = named(
  'PaymentPromise',
  Joi.object({
    id: prefixedId('prm').required(),
    administrationId: prefixedId('adm').required(),
    debtorId: prefixedId('dbt').required(),
    invoiceIds: Joi.array().items(prefixedId('inv')).min(1).required(),
    amount: money.required(),
    promisedOn: isoDate.required(),
    graceDays: Joi.number().integer().required(),
    madeOn: isoDate.required(),
    status: Joi.string()
      .valid(...PROMISE_STATUSES)
      .required(),
    paid: money.required().description('Paid towards it since it was made, as of the last check'),
    closedAt: instant.allow(null).required(),
    createdBy: Joi.string().allow(null).required(),
    createdAt: instant.required(),
  }),
);

export function presentPromise(row: PromiseRow) {
  const amount = (value: string | number) => ({ amount: Number(value), currency: row.currency });
  return {
    id: row.id,
    administrationId: row.administration_id,
    debtorId: row.debtor_id,
    invoiceIds: row.invoice_ids,
    amount: amount(row.amount),
    promisedOn: row.promised_on,
    graceDays: row.grace_days,
    madeOn: row.made_on,
    status: row.status,
    paid: amount(row.paid),
    closedAt: row.closed_at === null ? null : new Date(row.closed_at),
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
  };
}

/** The SDK's PromiseRecord: what `promise.made`, `promise.kept` and `promise.broken` carry. */
export function promiseRecord(row: PromiseRow): PromiseRecord {
  return {
    id: row.id,
    debtorId: row.debtor_id,
    invoiceIds: row.invoice_ids,
    amount: { amount: Number(row.amount), currency: row.currency },
    promisedOn: row.promised_on,
    status: row.status,
  };
}

export async function getPromise(em: EntityManager, id: string, forUpdate = false): Promise<PromiseRow> {
  const [row] = await em.execute<PromiseRow[]>(
    `select ${PROMISE_COLUMNS} from payment_promise where id = ?${forUpdate ? ' for update' : ''}`,
    [id],
  );
  if (!row) throw notFound('Promise', id);
  return row;
}

export function listPromises(
  em: EntityManager,
  filter: ArrangementFilter<PromiseStatus>,
): Promise<PromiseRow[]> {
  return listArrangements<PromiseRow, PromiseStatus>(
    em,
    { table: 'payment_promise', columns: PROMISE_COLUMNS },
    filter,
  );
}
