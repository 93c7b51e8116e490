import type { EntityManager } from '@mikro-orm/postgresql';
import { DEBTOR_SUMMARIES_SQL } from '../debtors/debtor-collector.ts';
import type { KeyCursor } from '../http/pagination.ts';
import { OVERDUE_INVOICES_SQL } from '../invoices/overdue-rule.ts';
import { notFound } from '../shared/errors.ts';
import type { TaskRow, TaskStatus } from './task-view.ts';

/** The orders the action list offers; each is one ascending number per row (`SORT_KEYS`). */
export const TASK_SORTS = ['due_on', 'overdue_balance', 'oldest_overdue', 'invoice_count', 'risk'] as const;
export type TaskSort = (typeof TASK_SORTS)[number];

/**
 * Each order as an ascending numeric key over the agenda's columns, so one keyset `(sort_key, id)`
 * pages every order: descending orders are negated, and "unknown last" is a key no row beats.
 */
const SORT_KEYS: Record<TaskSort, string> = {
  due_on: `(t.due_on - date '1970-01-01')`,
  // The debtor's overdue open amount, largest first. Across currencies the minor units are summed:
  // a debtor owing in two currencies is rare, and its order is then approximate.
  overdue_balance: '-coalesce(ov.total, 0)',
  oldest_overdue: '-coalesce(ov.oldest_days, 0)',
  invoice_count: '-coalesce(ov.invoices, 0)',
  // Lowest credit score (riskiest) first; debtors never checked last.
  risk: 'coalesce(d.credit_score, 2147483647)',
};

export interface TaskFilter {
  assignee?: string;
  status?: TaskStatus;
  administrationId?: string;
  debtorId?: string;
  kind?: string;
  /** Due strictly before this business date, as the invoice list's `dueBefore`. */
  dueBefore?: string;
  sort: TaskSort;
  after?: KeyCursor;
  limit: number;
}

/**
 * The agenda: tasks with what a screen shows of each debtor (name, number, credit score, overdue
 * balance per currency, days overdue of the oldest overdue invoice, how many are overdue), in one
 * statement. "Overdue" is the invoices module's rule (OVERDUE_INVOICES_SQL), measured per debtor
 * through a lateral join, so only the listed tasks' debtors are looked at.
 */
function agendaSql(where: string, sort: TaskSort): string {
  return `select * from (
    select t.id, t.administration_id, t.debtor_id, t.kind, t.title, t.body, t.assignee, t.due_on::text as due_on,
      t.status, t.outcome, t.source_type, t.source_id, t.created_by, t.completed_by, t.completed_at,
      t.created_at, t.updated_at,
      d.name as debtor_name, d.number as debtor_number, d.collector as debtor_collector, d.credit_score,
      coalesce(ov.by_currency, '[]'::jsonb) as overdue, ov.oldest_days as oldest_days_overdue,
      coalesce(ov.invoices, 0) as overdue_invoice_count,
      ${SORT_KEYS[sort]} as sort_key
    from task t
    join ${DEBTOR_SUMMARIES_SQL} d on d.debtor_id = t.debtor_id
    left join lateral (
      select sum(c.amount) as total, max(c.oldest_days) as oldest_days, sum(c.invoices) as invoices,
        jsonb_agg(jsonb_build_object('currency', c.currency, 'amount', c.amount) order by c.currency) as by_currency
      from (select o.currency, sum(o.open_amount) as amount, max(o.days_overdue) as oldest_days, count(*) as invoices
            from ${OVERDUE_INVOICES_SQL} o where o.debtor_id = t.debtor_id group by o.currency) c
    ) ov on true
    where ${where}
  ) agenda`;
}

/** One page of the agenda (`limit + 1` rows, for `toKeyPage`), in the filter's order. */
export async function listTasks(em: EntityManager, filter: TaskFilter): Promise<TaskRow[]> {
  const conditions = ['t.status = ?'];
  const values: unknown[] = [filter.status ?? 'open'];
  const add = (condition: string, value: unknown) => {
    conditions.push(condition);
    values.push(value);
  };
  if (filter.assignee !== undefined) add('t.assignee = ?', filter.assignee);
  if (filter.administrationId) add('t.administration_id = ?', filter.administrationId);
  if (filter.debtorId) add('t.debtor_id = ?', filter.debtorId);
  if (filter.kind) add('t.kind = ?', filter.kind);
  if (filter.dueBefore) add('t.due_on < ?::date', filter.dueBefore);
  const after = filter.after
    ? {
        sql: 'where (agenda.sort_key, agenda.id) > (?::numeric, ?)',
        values: [filter.after.key, filter.after.after],
      }
    : { sql: '', values: [] };
  return em.execute<TaskRow[]>(
    `${agendaSql(conditions.join(' and '), filter.sort)} ${after.sql} order by agenda.sort_key, agenda.id limit ?`,
    [...values, ...after.values, filter.limit + 1],
  );
}

/** One task with its debtor's summary; task_not_found when it is not the tenant's. */
export async function readTask(em: EntityManager, id: string): Promise<TaskRow> {
  const [row] = await em.execute<TaskRow[]>(agendaSql('t.id = ?', 'due_on'), [id]);
  if (!row) throw notFound('Task', id);
  return row;
}
