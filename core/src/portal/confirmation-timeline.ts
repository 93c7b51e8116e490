import type { TimelineEntry, TimelineSource } from '../shared/timeline.ts';
import { newestBeforeSql, windowValues } from '../shared/timeline-sql.ts';

interface Row {
  id: string;
  action: string;
  source_id: string;
  recipient: string;
  to: string | null;
  language: string;
  subject: string | null;
  status: string;
  reason: string | null;
  attempts: number;
  sent_at: string | Date | null;
  created_at: string | Date;
}

const ACTION_NAMES: Record<string, string> = {
  promise: 'promise to pay',
  payment_plan: 'payment plan',
  po_number: 'PO number',
  contact_changed: 'contact change',
  question: 'question',
};

/**
 * The e-mails confirming the debtor's portal actions, when the action queued them, with what became
 * of each (pending, sent, failed, or not sent and why: a debtor without an e-mail address).
 */
export const confirmationTimeline: TimelineSource = async (em, query) => {
  const rows = await em.execute<Row[]>(
    newestBeforeSql(
      `select id, action, source_id, recipient, "to", language, subject, status, reason, attempts, sent_at,
         created_at, created_at as at from portal_confirmation where debtor_id = ?`,
    ),
    [query.debtorId, ...windowValues(query)],
  );
  return rows.map(entry);
};

function entry(row: Row): TimelineEntry {
  const what = ACTION_NAMES[row.action] ?? row.action;
  const summary = row.to
    ? `Confirmation of the ${what} e-mailed to ${row.to}${row.recipient === 'previous_address' ? ' (the previous address)' : ''}: ${row.status}${row.reason ? ` (${row.reason})` : ''}`
    : `No confirmation of the ${what} e-mailed: ${row.reason ?? 'no address'}`;
  return {
    id: row.id,
    type: 'portal.confirmation',
    at: new Date(row.created_at).toISOString(),
    summary: summary.slice(0, 500),
    actor: null,
    invoiceIds: [],
    detail: {
      action: row.action,
      sourceId: row.source_id,
      recipient: row.recipient,
      to: row.to,
      language: row.language,
      subject: row.subject,
      status: row.status,
      reason: row.reason,
      attempts: row.attempts,
      sentAt: row.sent_at ? new Date(row.sent_at).toISOString() : null,
    },
  };
}
