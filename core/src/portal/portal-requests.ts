import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { businessDateOf } from '../administrations/index.ts';
import { readDebtor } from '../debtors/index.ts';
import { createTask } from '../tasks/index.ts';

/** What a debtor asked or changed in the portal that a person at the creditor should see. */
export type PortalRequestKind = 'portal_question' | 'portal_contact_changed' | 'portal_po_number';

/**
 * Puts what the debtor did on the collector's action list (and so on the debtor's timeline), due
 * today: a question to answer, changed contact details or a PO number to take into the ERP. Inside
 * the caller's transaction, so the change and its task commit together.
 */
export async function recordPortalRequest(
  em: EntityManager,
  tenantId: string,
  input: { debtorId: string; kind: PortalRequestKind; title: string; body: string; sessionId: string },
): Promise<string> {
  const debtor = await readDebtor(em, input.debtorId);
  const task = await createTask(em, tenantId, {
    administrationId: debtor.administrationId,
    debtorId: debtor.id,
    kind: input.kind,
    title: input.title,
    body: input.body,
    dueOn: await businessDateOf(em, debtor.administrationId),
    sourceType: 'portal_session',
    sourceId: input.sessionId,
    // The route's Idempotency-Key keeps a retried request from asking twice; each request is its own task.
    idempotencyKey: `portal:${randomUUID()}`,
    createdBy: `portal:${input.sessionId}`,
  });
  return task.id;
}
