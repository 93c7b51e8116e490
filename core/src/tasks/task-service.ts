import type { EntityManager } from '@mikro-orm/postgresql';
import { debtorCollectorSql } from '../debtors/debtor-service.ts';
import { newId } from '../shared/ids.ts';

export interface TaskInput {
  administrationId: string;
  debtorId: string;
  /** What kind of work: `phone_call`, `manual`, `dunning_resumed`, `dispute`, `channel_unavailable` … */
  kind: string;
  title: string;
  body?: string;
  /** The staff user (token subject) to do it; default the debtor's collector (none: unassigned). */
  assignee?: string | null;
  /** Business date (YYYY-MM-DD) the task is due. */
  dueOn: string;
  /** What the task came from (`dunning_action`, `dispute`, `promise`, `plan`, `pause`) and its id. */
  sourceType?: string;
  sourceId?: string;
  /** Deterministic, so a retried job or a rerun creates the task once. */
  idempotencyKey: string;
  createdBy?: string;
}

/**
 * Puts a task on the action list inside the caller's transaction (under the tenant's row-level
 * security), once per idempotency key: creating it again answers the existing task's id with
 * `created: false`.
 */
export async function createTask(
  em: EntityManager,
  tenantId: string,
  input: TaskInput,
): Promise<{ id: string; created: boolean }> {
  const [inserted] = await em.execute<{ id: string }[]>(
    `insert into task (tenant_id, id, administration_id, debtor_id, kind, title, body, assignee, due_on,
       source_type, source_id, idempotency_key, created_by)
     values (?, ?, ?, ?, ?, ?, ?, coalesce(?, ${debtorCollectorSql('?')}), ?, ?, ?, ?, ?)
     on conflict (tenant_id, idempotency_key) do nothing
     returning id`,
    [
      tenantId,
      newId('task'),
      input.administrationId,
      input.debtorId,
      input.kind,
      input.title,
      input.body ?? null,
      input.assignee ?? null,
      input.debtorId,
      input.dueOn,
      input.sourceType ?? null,
      input.sourceId ?? null,
      input.idempotencyKey,
      input.createdBy ?? null,
    ],
  );
  if (inserted) return { id: inserted.id, created: true };
  const [existing] = await em.execute<{ id: string }[]>('select id from task where idempotency_key = ?', [
    input.idempotencyKey,
  ]);
  if (!existing) throw new Error(`task ${input.idempotencyKey} neither inserted nor found`);
  return { id: existing.id, created: false };
}

/**
 * Closes the open tasks a thing made (`sourceType` + `sourceId`, e.g. a dispute's handling and
 * escalation tasks once it is resolved) with an outcome, inside the caller's transaction; tasks of
 * `exceptKinds` stay open. Answers how many it closed.
 */
export async function completeTasksOf(
  em: EntityManager,
  source: { sourceType: string; sourceId: string },
  outcome: { result: string; note?: string },
  by: string,
  exceptKinds: readonly string[] = [],
): Promise<number> {
  const rows = await em.execute<{ id: string }[]>(
    `update task set status = 'done', outcome = ?::jsonb, completed_by = ?, completed_at = now(), updated_at = now()
      where source_type = ? and source_id = ? and status = 'open' and not (kind = any(?::text[]))
      returning id`,
    [JSON.stringify(outcome), by, source.sourceType, source.sourceId, `{${exceptKinds.join(',')}}`],
  );
  return rows.length;
}
