import type { TimelineEntry, TimelineSource } from '../shared/timeline.ts';

interface EntryRow {
  id: string;
  type: string;
  at: string | Date;
  actor: string | null;
  invoice_ids: string[];
  dispute_type: string;
  description: string;
  assignee: string | null;
  due_on: string;
  resolution: string | null;
  resolution_note: string | null;
  escalated_to: string | null;
}

/**
 * A debtor's disputes on its timeline: each opening, escalation and resolution is an entry
 * (`dispute.opened` under the dispute's id, `dispute.escalated` and `dispute.resolved` under the id with
 * a suffix, so ids stay unique), newest first.
 */
export const disputeTimeline: TimelineSource = async (em, query) => {
  const rows = await em.execute<EntryRow[]>(
    `select * from (
       select id, 'dispute.opened' as type, created_at as at, created_by as actor, invoice_ids, type as dispute_type,
         description, assignee, to_char(due_on, 'YYYY-MM-DD') as due_on, resolution, resolution_note, escalated_to
       from dispute where debtor_id = ?
       union all
       select id || ':escalated', 'dispute.escalated', escalated_at, null, invoice_ids, type, description, assignee,
         to_char(due_on, 'YYYY-MM-DD'), resolution, resolution_note, escalated_to
       from dispute where debtor_id = ? and escalated_at is not null
       union all
       select id || ':resolved', 'dispute.resolved', resolved_at, resolved_by, invoice_ids, type, description, assignee,
         to_char(due_on, 'YYYY-MM-DD'), resolution, resolution_note, escalated_to
       from dispute where debtor_id = ? and resolved_at is not null
     ) e
     where e.at < coalesce(?::timestamptz, now() + interval '1 second')
     order by e.at desc, e.id desc limit ?`,
    [query.debtorId, query.debtorId, query.debtorId, query.before ?? null, query.limit],
  );
  return rows.map(entry);
};

function entry(row: EntryRow): TimelineEntry {
  const summary =
    row.type === 'dispute.opened'
      ? `Dispute opened (${row.dispute_type}) on ${row.invoice_ids.length} invoice(s), due ${row.due_on}: ${row.description}`
      : row.type === 'dispute.escalated'
        ? `Dispute past its due date ${row.due_on}, escalated${row.escalated_to ? ` to ${row.escalated_to}` : ''}`
        : `Dispute resolved (${row.resolution})${row.resolution_note ? `: ${row.resolution_note}` : ''}`;
  return {
    id: row.id,
    type: row.type,
    at: new Date(row.at).toISOString(),
    summary: summary.slice(0, 500),
    actor: row.actor,
    invoiceIds: row.invoice_ids,
    detail: {
      disputeId: row.id.split(':')[0],
      type: row.dispute_type,
      assignee: row.assignee,
      dueOn: row.due_on,
      resolution: row.resolution,
      escalatedTo: row.escalated_to,
    },
  };
}
