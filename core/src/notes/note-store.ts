import type { EntityManager } from '@mikro-orm/postgresql';
import { readDebtor } from '../debtors/debtor-service.ts';
import type { KeyCursor } from '../http/pagination.ts';
import { getInvoice } from '../invoices/invoice-service.ts';
import { DomainError, invalid, notFound } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';

/** A note as stored (deleted ones are never read). */
export interface NoteRow {
  id: string;
  administration_id: string;
  debtor_id: string;
  invoice_id: string | null;
  body: string;
  pinned: boolean;
  author: string;
  created_at: string | Date;
  updated_at: string | Date;
}

const COLUMNS = 'id, administration_id, debtor_id, invoice_id, body, pinned, author, created_at, updated_at';
/** Pinned notes first, then newest: the key of a note's place in a list (0 pinned, 1 not), then id desc. */
const PLACE = '(case when pinned then 0 else 1 end)';

export interface NoteInput {
  body: string;
  invoiceId?: string | null;
  pinned?: boolean;
}

/**
 * Writes a note on a debtor, or on one of its invoices: an invoice that is not the debtor's (or not
 * there) is refused naming `invoiceId`, as the note would hang on nothing the debtor owes.
 */
export async function createNote(
  em: EntityManager,
  tenantId: string,
  author: string,
  debtorId: string,
  input: NoteInput,
): Promise<NoteRow> {
  const debtor = await readDebtor(em, debtorId);
  if (input.invoiceId) await checkInvoiceOf(em, debtorId, input.invoiceId);
  const [row] = await em.execute<NoteRow[]>(
    `insert into note (tenant_id, id, administration_id, debtor_id, invoice_id, body, pinned, author)
     values (?, ?, ?, ?, ?, ?, ?, ?) returning ${COLUMNS}`,
    [
      tenantId,
      newId('note'),
      debtor.administrationId,
      debtorId,
      input.invoiceId ?? null,
      input.body,
      input.pinned ?? false,
      author,
    ],
  );
  return row as NoteRow;
}

async function checkInvoiceOf(em: EntityManager, debtorId: string, invoiceId: string): Promise<void> {
  const invoice = await getInvoice(em, invoiceId).catch((error: unknown) => {
    if (error instanceof DomainError && error.code === 'invoice_not_found') return null;
    throw error;
  });
  if (!invoice) throw invalid('invoiceId', `invoice ${invoiceId} does not exist`);
  if (invoice.debtorId !== debtorId) throw invalid('invoiceId', `invoice ${invoiceId} is not this debtor's`);
}

/** The notes of a debtor (all its notes, its invoices' included) or of one invoice: pinned first, then newest. */
export async function listNotes(
  em: EntityManager,
  of: { debtorId: string } | { invoiceId: string },
  page: { after?: KeyCursor; limit: number },
): Promise<(NoteRow & { place: number })[]> {
  const [column, id] = 'debtorId' in of ? ['debtor_id', of.debtorId] : ['invoice_id', of.invoiceId];
  const after = page.after
    ? {
        sql: `and (${PLACE} > ? or (${PLACE} = ? and id < ?))`,
        values: [page.after.key, page.after.key, page.after.after],
      }
    : { sql: '', values: [] };
  return em.execute(
    `select ${COLUMNS}, ${PLACE} as place from note
      where ${column} = ? and deleted_at is null ${after.sql}
      order by place, id desc limit ?`,
    [id, ...after.values, page.limit + 1],
  );
}

/** Throws invoice_not_found unless the invoice is the tenant's: its notes list must not be an empty page. */
export async function assertInvoiceExists(em: EntityManager, invoiceId: string): Promise<void> {
  await getInvoice(em, invoiceId);
}

export interface NotePatch {
  body?: string;
  pinned?: boolean;
}

/** Pins, unpins or (by its author only: note_not_author) rewords a note. */
export async function updateNote(
  em: EntityManager,
  id: string,
  by: string,
  patch: NotePatch,
): Promise<NoteRow> {
  const note = await lockNote(em, id);
  if (patch.body !== undefined && note.author !== by) throw notAuthor(id, 'edit');
  const [row] = await em.execute<NoteRow[]>(
    `update note set body = coalesce(?, body), pinned = coalesce(?, pinned), updated_at = now()
      where id = ? returning ${COLUMNS}`,
    [patch.body ?? null, patch.pinned ?? null, id],
  );
  return row as NoteRow;
}

/** Deletes a note (its author only). The row stays, marked, out of every list and timeline. */
export async function deleteNote(em: EntityManager, id: string, by: string): Promise<void> {
  const note = await lockNote(em, id);
  if (note.author !== by) throw notAuthor(id, 'delete');
  await em.execute('update note set deleted_at = now(), updated_at = now() where id = ?', [id]);
}

async function lockNote(em: EntityManager, id: string): Promise<NoteRow> {
  const [row] = await em.execute<NoteRow[]>(
    `select ${COLUMNS} from note where id = ? and deleted_at is null for update`,
    [id],
  );
  if (!row) throw notFound('Note', id);
  return row;
}

function notAuthor(id: string, what: string) {
  return new DomainError('note_not_author', 403, `Only the author of note ${id} may ${what} it`, { id });
}
