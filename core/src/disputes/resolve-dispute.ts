import type { EntityManager } from '@mikro-orm/postgresql';
import { businessDateOf } from '../administrations/business-date.ts';
import { liftPauses } from '../dunning/pauses.ts';
import { recordEvent } from '../events/index.ts';
import { readInvoiceRecords } from '../invoices/invoice-records.ts';
import { DomainError, invalid } from '../shared/errors.ts';
import { completeTasksOf, createTask } from '../tasks/index.ts';
import {
  DISPUTE_COLUMNS,
  type DisputeRow,
  disputeRecord,
  getDispute,
  type Resolution,
} from './dispute-store.ts';

export interface ResolutionInput {
  resolution: Resolution;
  note: string;
  /** The credit note that settled it (resolution `credit_note`): one of the debtor's. */
  creditNoteId?: string | null;
}

const resolved = (dispute: DisputeRow) =>
  new DomainError('dispute_resolved', 409, `Dispute ${dispute.id} is resolved already`, { id: dispute.id });

/**
 * Resolves an open dispute inside the caller's transaction: the credit note checked (the debtor's), the
 * dispute closed with its resolution, its pauses lifted (`resolved`: the invoices go back into dunning
 * where they stood, or stay out when the credit note paid them), `dispute.resolved` recorded, and when
 * the dispute was rejected a `dunning_resumed` task tells the debtor's collector. Its open handling
 * and escalation tasks are closed as done.
 */
export async function resolveDispute(
  em: EntityManager,
  tenantId: string,
  actor: string,
  id: string,
  input: ResolutionInput,
): Promise<DisputeRow> {
  const dispute = await getDispute(em, id, true);
  if (dispute.status !== 'open') throw resolved(dispute);
  if (input.creditNoteId) {
    const [note] = await readInvoiceRecords(em, [input.creditNoteId]);
    if (note?.documentType !== 'credit_note' || note.debtorId !== dispute.debtor_id) {
      throw invalid(
        'creditNoteId',
        `${input.creditNoteId} is not a credit note of debtor ${dispute.debtor_id}`,
      );
    }
  }
  const [row] = await em.execute<DisputeRow[]>(
    `update dispute set status = 'resolved', resolution = ?, resolution_note = ?, credit_note_id = ?,
       resolved_at = now(), resolved_by = ?, updated_at = now()
     where id = ? returning ${DISPUTE_COLUMNS}`,
    [input.resolution, input.note, input.creditNoteId ?? null, actor, id],
  );
  const closed = row as DisputeRow;
  await liftPauses(em, { kind: 'dispute', sourceId: id }, 'resolved');
  // Its handling and escalation tasks are done with it; the collector sees why on the task.
  await completeTasksOf(
    em,
    { sourceType: 'dispute', sourceId: id },
    { result: 'done', note: `Dispute resolved: ${input.resolution}` },
    actor,
  );
  if (input.resolution === 'rejected') {
    await createTask(em, tenantId, {
      administrationId: closed.administration_id,
      debtorId: closed.debtor_id,
      kind: 'dunning_resumed',
      title: 'Dispute rejected: dunning resumes for the disputed invoices',
      body: input.note,
      dueOn: await businessDateOf(em, closed.administration_id),
      sourceType: 'dispute',
      sourceId: id,
      idempotencyKey: `dispute:${id}:resumed`,
      createdBy: actor,
    });
  }
  await recordEvent(em, tenantId, 'dispute.resolved', {
    dispute: disputeRecord(closed),
    resolution: input.resolution,
  });
  return closed;
}

/** Changes who handles an open dispute, or when it is due (a later date does not undo an escalation). */
export async function updateDispute(
  em: EntityManager,
  id: string,
  patch: { assignee?: string | null; dueOn?: string },
): Promise<DisputeRow> {
  const dispute = await getDispute(em, id, true);
  if (dispute.status !== 'open') throw resolved(dispute);
  if (patch.dueOn !== undefined && patch.dueOn < dispute.opened_on) {
    throw invalid('dueOn', 'must not be before openedOn');
  }
  const [row] = await em.execute<DisputeRow[]>(
    `update dispute set assignee = ?, due_on = ?, updated_at = now() where id = ? returning ${DISPUTE_COLUMNS}`,
    [patch.assignee === undefined ? dispute.assignee : patch.assignee, patch.dueOn ?? dispute.due_on, id],
  );
  return row as DisputeRow;
}
