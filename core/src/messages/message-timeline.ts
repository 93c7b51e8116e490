import { oneLine } from '../shared/one-line.ts';
import type { TimelineEntry, TimelineSource } from '../shared/timeline.ts';
import { newestBeforeSql, windowValues } from '../shared/timeline-sql.ts';
import type { DebtorMessageRow } from './message-store.ts';

/** The text messages (SMS, WhatsApp) sent to the debtor through a plugin, when they were sent. */
export const messageTimeline: TimelineSource = async (em, query) => {
  const rows = await em.execute<DebtorMessageRow[]>(
    newestBeforeSql(
      'select id, channel, "to", text, status, plugin, created_at, created_at as at from debtor_message where debtor_id = ?',
    ),
    [query.debtorId, ...windowValues(query)],
  );
  return rows.map(messageEntry);
};

function messageEntry(row: DebtorMessageRow): TimelineEntry {
  const channel = row.channel === 'sms' ? 'SMS' : 'WhatsApp';
  return {
    id: row.id,
    type: 'message',
    at: new Date(row.created_at).toISOString(),
    summary: `${channel} to ${row.to} (${row.status}): ${oneLine(row.text, 160)}`,
    actor: null,
    invoiceIds: [],
    detail: { channel: row.channel, to: row.to, text: row.text, status: row.status, plugin: row.plugin },
  };
}
