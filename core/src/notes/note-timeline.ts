import type { EntityManager } from '@mikro-orm/postgresql';
import { oneLine } from '../shared/one-line.ts';
import type { TimelineEntry, TimelineSource } from '../shared/timeline.ts';
import { newestBeforeSql, windowValues } from '../shared/timeline-sql.ts';
import type { NoteRow } from './note-store.ts';

/**
 * The debtor's notes on its timeline, at the time they were written. Pinned notes are not in this
 * stream: the timeline lists them above everything on its first page (`pinnedNoteEntries`), once.
 */
export const noteTimeline: TimelineSource = async (em, query) => {
  const rows = await em.execute<NoteRow[]>(
    newestBeforeSql(
      'select *, created_at as at from note where debtor_id = ? and deleted_at is null and not pinned',
    ),
    [query.debtorId, ...windowValues(query)],
  );
  return rows.map(noteEntry);
};

/** The debtor's pinned notes, newest first, for the top of its timeline. */
export async function pinnedNoteEntries(em: EntityManager, debtorId: string): Promise<TimelineEntry[]> {
  const rows = await em.execute<NoteRow[]>(
    `select * from note where debtor_id = ? and deleted_at is null and pinned
      order by created_at desc, id desc limit 100`,
    [debtorId],
  );
  return rows.map(noteEntry);
}

function noteEntry(row: NoteRow): TimelineEntry {
  return {
    id: row.id,
    type: 'note',
    at: new Date(row.created_at).toISOString(),
    summary: oneLine(row.body),
    actor: row.author,
    invoiceIds: row.invoice_id ? [row.invoice_id] : [],
    detail: { body: row.body, invoiceId: row.invoice_id, updatedAt: new Date(row.updated_at).toISOString() },
    pinned: row.pinned,
  };
}
