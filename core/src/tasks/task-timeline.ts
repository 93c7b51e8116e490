import { oneLine } from '../shared/one-line.ts';
import type { TimelineEntry, TimelineSource } from '../shared/timeline.ts';
import { newestBeforeSql, windowValues } from '../shared/timeline-sql.ts';
import type { TaskOutcome } from './task-view.ts';

interface TaskEvent {
  id: string;
  event: 'created' | 'done' | 'cancelled';
  at: string | Date;
  actor: string | null;
  kind: string;
  title: string;
  assignee: string | null;
  due_on: string;
  outcome: TaskOutcome | null;
  source_type: string | null;
  source_id: string | null;
}

/**
 * The debtor's tasks on its timeline: each task when it was put on the action list (`task.created`,
 * id `tsk_…`) and when it was closed (`task.completed` with its outcome, or `task.cancelled`; id
 * `tsk_…:done` / `tsk_…:cancelled`, as one task makes two lines).
 */
export const taskTimeline: TimelineSource = async (em, query) => {
  const rows = await em.execute<TaskEvent[]>(
    newestBeforeSql(`select t.id, 'created' as event, t.created_at as at, t.created_by as actor, t.kind, t.title, t.assignee,
         t.due_on::text as due_on, t.outcome, t.source_type, t.source_id
       from task t where t.debtor_id = ?
       union all
       select t.id, t.status, t.completed_at, t.completed_by, t.kind, t.title, t.assignee,
         t.due_on::text, t.outcome, t.source_type, t.source_id
       from task t where t.debtor_id = ? and t.status <> 'open' and t.completed_at is not null`),
    [query.debtorId, query.debtorId, ...windowValues(query)],
  );
  return rows.map(taskEntry);
};

function taskEntry(row: TaskEvent): TimelineEntry {
  const base = {
    at: new Date(row.at).toISOString(),
    actor: row.actor,
    invoiceIds: [],
  };
  const source = row.source_type ? { type: row.source_type, id: row.source_id } : null;
  if (row.event === 'created') {
    const who = row.assignee ? `for ${row.assignee}` : 'unassigned';
    return {
      ...base,
      id: row.id,
      type: 'task.created',
      summary: `Task: ${row.title} (due ${row.due_on}, ${who})`,
      detail: {
        taskId: row.id,
        kind: row.kind,
        title: row.title,
        dueOn: row.due_on,
        assignee: row.assignee,
        source,
      },
    };
  }
  if (row.event === 'cancelled') {
    return {
      ...base,
      id: `${row.id}:cancelled`,
      type: 'task.cancelled',
      summary: `Task cancelled: ${row.title}`,
      detail: { taskId: row.id, kind: row.kind, title: row.title, source },
    };
  }
  const outcome = row.outcome;
  const result = outcome ? outcome.result.replace(/_/g, ' ') : 'done';
  return {
    ...base,
    id: `${row.id}:done`,
    type: 'task.completed',
    summary: `${row.title}: ${result}${outcome?.note ? ` — ${oneLine(outcome.note)}` : ''}`,
    detail: { taskId: row.id, kind: row.kind, title: row.title, outcome, source },
  };
}
