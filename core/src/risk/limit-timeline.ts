import type { EntityManager } from '@mikro-orm/postgresql';
import type { TimelineEntry, TimelineSource } from '../shared/timeline.ts';

interface CrossingRow {
  id: string;
  kind: 'exceeded' | 'within';
  currency: string;
  limit_amount: string;
  open_amount: string;
  at: string | Date;
}

/** A debtor's crossings of its credit limit on its timeline: over it (`credit_limit.exceeded`) and back within. */
export const limitTimeline: TimelineSource = async (em: EntityManager, query) => {
  const rows = await em.execute<CrossingRow[]>(
    `select id, kind, currency, limit_amount, open_amount, at from credit_limit_crossing
     where debtor_id = ? and (?::timestamptz is null or at < ?::timestamptz)
     order by at desc, id desc limit ?`,
    [query.debtorId, query.before ?? null, query.before ?? null, query.limit],
  );
  return rows.map(
    (row): TimelineEntry => ({
      id: row.id,
      type: `credit_limit.${row.kind}`,
      at: new Date(row.at).toISOString(),
      summary:
        row.kind === 'exceeded'
          ? `Credit limit exceeded: ${Number(row.open_amount)} open against ${Number(row.limit_amount)} ${row.currency} (minor units)`
          : `Back within the credit limit: ${Number(row.open_amount)} open against ${Number(row.limit_amount)} ${row.currency} (minor units)`,
      actor: null,
      invoiceIds: [],
      detail: {
        limit: { amount: Number(row.limit_amount), currency: row.currency },
        open: { amount: Number(row.open_amount), currency: row.currency },
      },
    }),
  );
};
