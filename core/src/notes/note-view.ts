import { Joi } from '../shared/joi.ts';
import { instant, named, prefixedId } from '../shared/schemas.ts';
import type { NoteRow } from './note-store.ts';

/** A note as the API answers it: what `presentNote` builds. */
export const noteView = named(
  'Note',
  Joi.object({
    id: prefixedId('not').required(),
    administrationId: prefixedId('adm').required(),
    debtorId: prefixedId('dbt').required(),
    invoiceId: prefixedId('inv')
      .allow(null)
      .required()
      .description('The invoice it is about; null: the debtor'),
    body: Joi.string().required().description('Plain text'),
    pinned: Joi.boolean().required(),
    author: Joi.string().required().description('The staff user (token subject) who wrote it'),
    createdAt: instant.required(),
    updatedAt: instant.required(),
  }),
);

export function presentNote(row: NoteRow) {
  return {
    id: row.id,
    administrationId: row.administration_id,
    debtorId: row.debtor_id,
    invoiceId: row.invoice_id,
    body: row.body,
    pinned: row.pinned,
    author: row.author,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}
