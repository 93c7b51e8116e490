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
