import { moneyText } from '../../shared/money-text.ts';
import type { TimelineEntry, TimelineSource } from '../../shared/timeline.ts';
import { newestBeforeSql, windowValues } from '../../shared/timeline-sql.ts';

interface MatchEvent {
  id: string;
  at: string | Date;
  undone: boolean;
  entry_id: string;
  payment_id: string;
  rule: string;
  confidence: number;
  reason: string;
  actor: string | null;
  amount: string;
  currency: string;
  booking_date: string | null;
}

/**
 * A debtor's bank entries matched to it, by the matcher or by hand, and their undoing: each a line
 * with who did it (none for the matcher) and the rule and confidence it went by.
 */
export const matchTimeline: TimelineSource = async (em, query) => {
  const rows = await em.execute<MatchEvent[]>(
    newestBeforeSql(`select m.id, m.created_at as at, false as undone, m.entry_id, m.payment_id, m.rule, m.confidence,
         m.reason, m.created_by as actor, e.amount::text as amount, e.currency, e.booking_date::text as booking_date
       from statement_match m join bank_statement_entry e on e.id = m.entry_id where m.debtor_id = ?
     union all
     select m.id || ':undone', m.undone_at, true, m.entry_id, m.payment_id, m.rule, m.confidence, m.reason,
         m.undone_by, e.amount::text, e.currency, e.booking_date::text
       from statement_match m join bank_statement_entry e on e.id = m.entry_id
       where m.debtor_id = ? and m.undone_at is not null`),
    [query.debtorId, query.debtorId, ...windowValues(query)],
  );
  return rows.map(matchEntry);
};

function matchEntry(row: MatchEvent): TimelineEntry {
  const amount = moneyText(Number(row.amount), row.currency);
  const by =
    row.rule === 'manual' ? 'by hand' : `by ${row.rule.replace('_', ' ')} (confidence ${row.confidence})`;
  return {
    id: row.id,
    type: row.undone ? 'bank_entry.unmatched' : 'bank_entry.matched',
    at: new Date(row.at).toISOString(),
    summary: row.undone
      ? `Bank entry of ${amount} unmatched; its payment reversed`
      : `Bank entry of ${amount} (booked ${row.booking_date ?? 'unknown'}) matched ${by}: ${row.reason}`,
    actor: row.actor,
    invoiceIds: [],
    detail: {
      entryId: row.entry_id,
      paymentId: row.payment_id,
      rule: row.rule,
      confidence: row.confidence,
      reason: row.reason,
    },
  };
}
