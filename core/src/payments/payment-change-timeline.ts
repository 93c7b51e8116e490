import { moneyText } from '../shared/money-text.ts';
import type { TimelineEntry, TimelineSource } from '../shared/timeline.ts';
import { newestBeforeSql, windowValues } from '../shared/timeline-sql.ts';

interface ChangeRow {
  id: string;
  at: string | Date;
  payment_id: string;
  kind: 'reversed' | 'reallocated';
  reason: string | null;
  actor: string | null;
  amount: string | number;
  currency: string;
  before: { invoiceId: string | null; chargeId: string | null; amount: number }[];
  after: { invoiceId: string | null; chargeId: string | null; amount: number }[];
}

/** A debtor's payments reversed or reallocated, with who did it and why. */
export const paymentChangeTimeline: TimelineSource = async (em, query) => {
  const rows = await em.execute<ChangeRow[]>(
    newestBeforeSql(`select c.id, c.created_at as at, c.payment_id, c.kind, c.reason, c.actor, p.amount, p.currency,
       c.allocations_before as before, c.allocations_after as after
     from payment_change c join payment p on p.id = c.payment_id
     where c.debtor_id = ?`),
    [query.debtorId, ...windowValues(query)],
  );
  return rows.map(changeEntry);
};

function changeEntry(row: ChangeRow): TimelineEntry {
  const amount = moneyText(Number(row.amount), row.currency);
  const what = row.kind === 'reversed' ? 'reversed' : 'reallocated';
  const invoiceIds = [
    ...new Set([...row.before, ...row.after].flatMap((l) => (l.invoiceId ? [l.invoiceId] : []))),
  ];
  return {
    id: row.id,
    type: `payment.${row.kind}`,
    at: new Date(row.at).toISOString(),
    summary: `Payment of ${amount} ${what}${row.reason ? `: ${row.reason}` : ''}`,
    actor: row.actor,
    invoiceIds,
    detail: { paymentId: row.payment_id, reason: row.reason, before: row.before, after: row.after },
  };
}
