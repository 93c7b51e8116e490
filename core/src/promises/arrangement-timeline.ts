import type { EntityManager } from '@mikro-orm/postgresql';
import type { TimelineEntry, TimelineSource } from '../shared/timeline.ts';

interface EntryRow {
  id: string;
  type: string;
  at: string | Date;
  actor: string | null;
  invoice_ids: string[];
  status: string;
  currency: string;
  amount: string | number;
  paid: string | number;
  until: string;
}

/**
 * A debtor's promises or plans on its timeline: the making (`promise` / `plan` under the id) and,
 * once it ended, the outcome (`promise.kept`, `plan.defaulted` … under the id with a suffix), newest
 * first. `what` names the table and how its amount and last date read.
 */
function arrangementTimeline(
  what: { table: string; kind: 'promise' | 'plan'; amount: string; until: string },
  describe: (row: EntryRow) => string,
): TimelineSource {
  return async (em: EntityManager, query) => {
    const common = `invoice_ids, status, currency, ${what.amount} as amount, paid, to_char(${what.until}, 'YYYY-MM-DD') as until`;
    const rows = await em.execute<EntryRow[]>(
      `select * from (
         select id, '${what.kind}' as type, created_at as at, created_by as actor, ${common}
         from ${what.table} where debtor_id = ?
         union all
         select id || ':' || status, '${what.kind}.' || status, closed_at, null, ${common}
         from ${what.table} where debtor_id = ? and closed_at is not null
       ) e
       where (?::timestamptz is null or e.at < ?::timestamptz)
       order by e.at desc, e.id desc limit ?`,
      [query.debtorId, query.debtorId, query.before ?? null, query.before ?? null, query.limit],
    );
    return rows.map(
      (row): TimelineEntry => ({
        id: row.id,
        type: row.type,
        at: new Date(row.at).toISOString(),
        summary: describe(row),
        actor: row.actor,
        invoiceIds: row.invoice_ids,
        detail: {
          [`${what.kind}Id`]: row.id.split(':')[0],
          status: row.status,
          amount: { amount: Number(row.amount), currency: row.currency },
          paid: { amount: Number(row.paid), currency: row.currency },
          until: row.until,
        },
      }),
    );
  };
}

const minor = (row: EntryRow, value: string | number) => `${Number(value)} ${row.currency} (minor units)`;

export const promiseTimeline: TimelineSource = arrangementTimeline(
  { table: 'payment_promise', kind: 'promise', amount: 'amount', until: 'promised_on' },
  (row) =>
    row.type === 'promise'
      ? `Promised to pay ${minor(row, row.amount)} by ${row.until} for ${row.invoice_ids.length} invoice(s)`
      : `Promise to pay by ${row.until} ${row.status}: ${minor(row, row.paid)} paid`,
);

export const planTimeline: TimelineSource = arrangementTimeline(
  { table: 'payment_plan', kind: 'plan', amount: 'total', until: "(schedule -> -1 ->> 'dueOn')::date" },
  (row) =>
    row.type === 'plan'
      ? `Payment plan of ${minor(row, row.amount)} until ${row.until} for ${row.invoice_ids.length} invoice(s)`
      : `Payment plan ${row.status}: ${minor(row, row.paid)} paid`,
);
