import { moneyText } from '../shared/money-text.ts';
import type { TimelineEntry, TimelineSource } from '../shared/timeline.ts';
import { newestBeforeSql, windowValues } from '../shared/timeline-sql.ts';
import type { CollectionCaseRow } from './collection-case-store.ts';

/** The debtor's hand-offs to a collection agency, when they were handed off, with their status now. */
export const collectionTimeline: TimelineSource = async (em, query) => {
  const rows = await em.execute<CollectionCaseRow[]>(
    newestBeforeSql('select *, created_at as at from collection_case where debtor_id = ?'),
    [query.debtorId, ...windowValues(query)],
  );
  return rows.map(collectionEntry);
};

function collectionEntry(row: CollectionCaseRow): TimelineEntry {
  const total = moneyText(Number(row.total_amount), row.currency);
  const count = row.invoice_ids.length;
  return {
    id: row.id,
    type: 'collection.handed_off',
    at: new Date(row.created_at).toISOString(),
    summary: `Handed off to collection (${row.plugin}, case ${row.case_reference}): ${count} invoice${count === 1 ? '' : 's'}, ${total}; now ${row.status.replace(/_/g, ' ')}`,
    actor: null,
    invoiceIds: row.invoice_ids,
    detail: {
      caseReference: row.case_reference,
      plugin: row.plugin,
      status: row.status,
      total: { amount: Number(row.total_amount), currency: row.currency },
      collected: { amount: Number(row.collected_amount), currency: row.currency },
    },
  };
}
