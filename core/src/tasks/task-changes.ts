import type { EntityManager } from '@mikro-orm/postgresql';
import { reassignCollector } from '../debtors/debtor-collector.ts';
import { conflict, notFound } from '../shared/errors.ts';
import type { TaskOutcome } from './task-view.ts';

export interface TaskPatch {
  assignee?: string | null;
  dueOn?: string;
  title?: string;
  body?: string | null;
}

const COLUMNS: Record<keyof TaskPatch, string> = {
  assignee: 'assignee',
  dueOn: 'due_on',
  title: 'title',
  body: 'body',
};

/**
 * Changes an open task. A task that is done or cancelled is history: task_not_open (409). Unknown (or
 * another tenant's) ids are task_not_found.
 */
export async function updateTask(em: EntityManager, id: string, patch: TaskPatch): Promise<void> {
  const fields = (Object.keys(COLUMNS) as (keyof TaskPatch)[]).filter((field) => patch[field] !== undefined);
  const sets = fields.map((field) => `${COLUMNS[field]} = ?`);
  await changeOpenTask(
    em,
    id,
    [...sets, 'updated_at = now()'].join(', '),
    fields.map((field) => patch[field]),
  );
}

/** Closes an open task with how it ended; the outcome shows on the debtor's timeline. */
export async function completeTask(
  em: EntityManager,
  id: string,
  outcome: TaskOutcome,
  completedBy: string,
): Promise<void> {
  await changeOpenTask(
    em,
    id,
    `status = 'done', outcome = ?::jsonb, completed_by = ?, completed_at = now(), updated_at = now()`,
    [JSON.stringify(outcome), completedBy],
  );
}

/** Closes an open task without doing it (the work is no longer needed). */
export async function cancelTask(em: EntityManager, id: string, cancelledBy: string): Promise<void> {
  await changeOpenTask(
    em,
    id,
    `status = 'cancelled', completed_by = ?, completed_at = now(), updated_at = now()`,
    [cancelledBy],
  );
}

async function changeOpenTask(em: EntityManager, id: string, sets: string, values: unknown[]): Promise<void> {
  const changed = await em.execute<{ id: string }[]>(
    `update task set ${sets} where id = ? and status = 'open' returning id`,
    [...values, id],
  );
  if (changed.length > 0) return;
  const [row] = await em.execute<{ status: string }[]>('select status from task where id = ?', [id]);
  if (!row) throw notFound('Task', id);
  throw conflict('task_not_open', `Task ${id} is ${row.status}`, { status: row.status });
}

export interface Reassignment {
  from: string;
  to: string;
  administrationId?: string;
  /** Also make `to` the collector of the debtors `from` was collector of. */
  includeDebtors: boolean;
}

/**
 * One collector's work taken over by another, inside the caller's transaction: their open tasks and,
 * with `includeDebtors`, the debtors they collect (so the tasks and reminders of tomorrow go to the
 * new collector too). Answers the counts.
 */
export async function reassignWork(
  em: EntityManager,
  reassignment: Reassignment,
): Promise<{ tasks: number; debtors: number }> {
  const { from, to, administrationId } = reassignment;
  const tasks = await em.execute<{ id: string }[]>(
    `update task set assignee = ?, updated_at = now()
      where assignee = ? and status = 'open' and (?::text is null or administration_id = ?)
      returning id`,
    [to, from, administrationId ?? null, administrationId ?? null],
  );
  const debtors = reassignment.includeDebtors ? await reassignCollector(em, from, to, administrationId) : 0;
  return { tasks: tasks.length, debtors };
}
