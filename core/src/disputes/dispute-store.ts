import type { DisputeRecord } from '@kredo/sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { notFound } from '../shared/errors.ts';
import { Joi } from '../shared/joi.ts';
import { instant, isoDate, language, named, prefixedId } from '../shared/schemas.ts';

export const RESOLUTIONS = ['credit_note', 'rejected', 'settled'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];
export const ACK_STATUSES = ['pending', 'sent', 'not_sent', 'failed'] as const;

/** A dispute as stored; business dates as `YYYY-MM-DD` text (DISPUTE_COLUMNS). */
export interface DisputeRow {
  id: string;
  administration_id: string;
  debtor_id: string;
  invoice_ids: string[];
  type: string;
  description: string;
  status: 'open' | 'resolved';
  assignee: string | null;
  contact: { name?: string; email?: string; language?: string } | null;
  language: string;
  opened_on: string;
  due_on: string;
  escalated_at: string | Date | null;
  escalated_to: string | null;
  resolution: Resolution | null;
  resolution_note: string | null;
  credit_note_id: string | null;
  resolved_at: string | Date | null;
  resolved_by: string | null;
  ack_status: (typeof ACK_STATUSES)[number];
  ack_to: string | null;
  ack_subject: string | null;
  ack_text: string | null;
  ack_reason: string | null;
  ack_attempts: number;
  ack_sent_at: string | Date | null;
  created_by: string | null;
  created_at: string | Date;
  updated_at: string | Date;
}

/** Every column, dates as ISO text. */
export const DISPUTE_COLUMNS = `id, administration_id, debtor_id, invoice_ids, type, description, status, assignee,
  contact, language, to_char(opened_on, 'YYYY-MM-DD') as opened_on, to_char(due_on, 'YYYY-MM-DD') as due_on,
  escalated_at, escalated_to, resolution, resolution_note, credit_note_id, resolved_at, resolved_by, ack_status,
  ack_to, ack_subject, ack_text, ack_reason, ack_attempts, ack_sent_at, created_by, created_at, updated_at`;

/** The Message-ID of a dispute's acknowledgement: the same on every attempt, so a resend is recognised. */
export const acknowledgementMessageId = (disputeId: string) => `<${disputeId}.ack@kredo>`;

const when = (value: string | Date | null) => (value === null ? null : new Date(value));

export const disputeView = named(
  'Dispute',
  Joi.object({
    id: prefixedId('dsp').required(),
    administrationId: prefixedId('adm').required(),
    debtorId: prefixedId('dbt').required(),
    invoiceIds: Joi.array().items(prefixedId('inv')).min(1).required(),
    type: Joi.string().required().description('The dispute type’s code'),
    description: Joi.string().required(),
    status: Joi.string().valid('open', 'resolved').required(),
    assignee: Joi.string().allow(null).required().description('The staff user (token subject) handling it'),
    contact: Joi.object({ name: Joi.string(), email: Joi.string(), language })
      .allow(null)
      .required()
      .description('Who raised it, when not the debtor itself'),
    language: language.required().description('The language the debtor is written to in'),
    openedOn: isoDate.required(),
    dueOn: isoDate.required().description('Answer due by (working days from openedOn)'),
    escalatedAt: instant.allow(null).required(),
    escalatedTo: Joi.string().allow(null).required(),
    resolution: Joi.string()
      .valid(...RESOLUTIONS)
      .allow(null)
      .required(),
    resolutionNote: Joi.string().allow(null).required(),
    creditNoteId: prefixedId('inv').allow(null).required(),
    resolvedAt: instant.allow(null).required(),
    resolvedBy: Joi.string().allow(null).required(),
    acknowledgement: named(
      'DisputeAcknowledgement',
      Joi.object({
        status: Joi.string()
          .valid(...ACK_STATUSES)
          .required()
          .description('pending (queued), sent, not_sent (see reason) or failed (see reason)'),
        to: Joi.string().allow(null).required(),
        subject: Joi.string().allow(null).required(),
        messageId: Joi.string().required(),
        reason: Joi.string().allow(null).required().description('Why it was not sent, or the last failure'),
        attempts: Joi.number().integer().required(),
        sentAt: instant.allow(null).required(),
      }),
    ).required(),
    createdBy: Joi.string().allow(null).required(),
    createdAt: instant.required(),
    updatedAt: instant.required(),
  }),
);

export function presentDispute(row: DisputeRow) {
  return {
    id: row.id,
    administrationId: row.administration_id,
    debtorId: row.debtor_id,
    invoiceIds: row.invoice_ids,
    type: row.type,
    description: row.description,
    status: row.status,
    assignee: row.assignee,
    contact: row.contact,
    language: row.language,
    openedOn: row.opened_on,
    dueOn: row.due_on,
    escalatedAt: when(row.escalated_at),
    escalatedTo: row.escalated_to,
    resolution: row.resolution,
    resolutionNote: row.resolution_note,
    creditNoteId: row.credit_note_id,
    resolvedAt: when(row.resolved_at),
    resolvedBy: row.resolved_by,
    acknowledgement: {
      status: row.ack_status,
      to: row.ack_to,
      subject: row.ack_subject,
      messageId: acknowledgementMessageId(row.id),
      reason: row.ack_reason,
      attempts: row.ack_attempts,
      sentAt: when(row.ack_sent_at),
    },
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/** The SDK's DisputeRecord: what `dispute.opened` and `dispute.resolved` carry. */
export function disputeRecord(row: DisputeRow): DisputeRecord {
  return {
    id: row.id,
    debtorId: row.debtor_id,
    invoiceIds: row.invoice_ids,
    type: row.type,
    description: row.description,
    openedAt: new Date(row.created_at).toISOString(),
  };
}

/** One dispute; `forUpdate` locks it for the rest of the caller's transaction. */
export async function getDispute(em: EntityManager, id: string, forUpdate = false): Promise<DisputeRow> {
  const [row] = await em.execute<DisputeRow[]>(
    `select ${DISPUTE_COLUMNS} from dispute where id = ?${forUpdate ? ' for update' : ''}`,
    [id],
  );
  if (!row) throw notFound('Dispute', id);
  return row;
}

export interface DisputeFilter {
  status?: 'open' | 'resolved';
  assignee?: string;
  debtorId?: string;
  after?: string;
  limit: number;
}

/** One page of disputes in id order. */
export async function listDisputes(em: EntityManager, filter: DisputeFilter): Promise<DisputeRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    where.push(clause);
    params.push(value);
  };
  if (filter.status) add('status = ?', filter.status);
  if (filter.assignee) add('assignee = ?', filter.assignee);
  if (filter.debtorId) add('debtor_id = ?', filter.debtorId);
  if (filter.after) add('id > ?', filter.after);
  params.push(filter.limit + 1);
  return em.execute<DisputeRow[]>(
    `select ${DISPUTE_COLUMNS} from dispute ${where.length ? `where ${where.join(' and ')}` : ''}
     order by id limit ?`,
    params,
  );
}
