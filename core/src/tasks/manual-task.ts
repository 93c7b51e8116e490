import type { EntityManager } from '@mikro-orm/postgresql';
import { readDebtor } from '../debtors/debtor-service.ts';
import { newId } from '../shared/ids.ts';
import { createTask } from './task-service.ts';

export interface ManualTaskInput {
  debtorId: string;
  title: string;
  body?: string | null;
  /** Omitted: the debtor's collector (unassigned when it has none). */
  assignee?: string;
  dueOn: string;
}

/**
 * A task a person puts on the action list by hand (kind `manual`). Retries are the route's
 * Idempotency-Key's business, so the task's own key is simply new.
 */
export async function createManualTask(
  em: EntityManager,
  tenantId: string,
  createdBy: string,
  input: ManualTaskInput,
): Promise<string> {
  const debtor = await readDebtor(em, input.debtorId);
  const id = newId('task');
  const { id: created } = await createTask(em, tenantId, {
    administrationId: debtor.administrationId,
    debtorId: debtor.id,
    kind: 'manual',
    title: input.title,
    body: input.body ?? undefined,
    assignee: input.assignee,
    dueOn: input.dueOn,
    idempotencyKey: `manual:${id}`,
    createdBy,
  });
  return created;
}
