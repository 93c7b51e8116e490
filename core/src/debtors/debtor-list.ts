import type { EntityManager } from '@mikro-orm/postgresql';
import { BUSINESS_DATES_SQL } from '../administrations/business-date.ts';
import type { KeyCursor } from '../http/pagination.ts';
import { OPEN_ITEMS_SQL } from '../invoices/receivable-items.ts';
import { invalid } from '../shared/errors.ts';
import { likeEscape } from '../shared/schemas.ts';
import { type DebtorColumns, type DebtorRow, debtorFromColumns } from './debtor-service.ts';

/** The orders the debtor list offers. */
export const DEBTOR_SORTS = ['id', 'balance', 'due_date', 'days_overdue'] as const;
export type DebtorSort = (typeof DEBTOR_SORTS)[number];

/** The key debtors with nothing due sort by: after every real one. */
const LAST = 2147483647;

/**
 * Each order as an ascending number over `o` (the debtor's open documents, summed) and `b` (its
 * administration's business date), so one keyset `(sort_key, id)` pages it: `balance` is the open
 * balance, largest first; as on the action list, a debtor owing in several currencies sorts by the sum
 * of their minor units (rare; the totals never add currencies). `due_date` is its oldest open
 * invoice's due date, earliest first; `days_overdue` the days that invoice is past due, most first.
 * Debtors with no open invoice come last in both.
 */
const SORT_KEYS: Record<Exclude<DebtorSort, 'id'>, string> = {
  balance: '(-coalesce(o.balance, 0))',
  due_date: `coalesce(o.oldest_due - date '1970-01-01', ${LAST})`,
  days_overdue: `coalesce(o.oldest_due - b.today, ${LAST})`,
};

export interface DebtorFilter {
  administrationId?: string;
  parentId?: string;
  tag?: string;
  /** Matches name (anywhere) or number (prefix), case-insensitively. */
  q?: string;
}

export interface DebtorPageQuery extends DebtorFilter {
  sort?: DebtorSort;
  after?: KeyCursor;
  limit: number;
}

export type ListedDebtor = DebtorRow & { sortKey: string | number };

function filterSql(filter: DebtorFilter): { where: string; params: unknown[] } {
  const where: string[] = ['true'];
  const params: unknown[] = [];
  if (filter.administrationId) {
    where.push('d.administration_id = ?');
    params.push(filter.administrationId);
  }
  if (filter.parentId) {
    where.push('d.parent_id = ?');
    params.push(filter.parentId);
  }
  if (filter.tag) {
    where.push('d.tags @> array[?]::text[]');
    params.push(filter.tag);
  }
  if (filter.q) {
    const q = likeEscape(filter.q);
    where.push('(d.name ilike ? or d.number ilike ?)');
    params.push(`%${q}%`, `${q}%`);
  }
  return { where: where.join(' and '), params };
}

/** One page of debtors in the order asked, as plain data, with each row's sort key. */
export async function listDebtors(em: EntityManager, query: DebtorPageQuery): Promise<ListedDebtor[]> {
  const { where, params } = filterSql(query);
  if (query.sort === undefined || query.sort === 'id') {
    const after = query.after ? ' and d.id > ?' : '';
    const rows = await em.execute<DebtorColumns[]>(
      `select d.* from debtor d where ${where}${after} order by d.id limit ?`,
      [...params, ...(query.after ? [query.after.after] : []), query.limit + 1],
    );
    return rows.map((row) => ({ ...debtorFromColumns(row), sortKey: row.id }));
  }
  const key = SORT_KEYS[query.sort];
  if (query.after && typeof query.after.key !== 'number')
    throw invalid('cursor', 'not a cursor of this sort');
  const after = query.after ? ` and (${key}, d.id) > (?::bigint, ?)` : '';
  const rows = await em.execute<(DebtorColumns & { sort_key: string })[]>(
    `select d.*, ${key} as sort_key
     from debtor d join ${BUSINESS_DATES_SQL} b on b.administration_id = d.administration_id
     left join lateral (
       select sum(i.open_amount) as balance,
         min(i.due_date) filter (where i.document_type = 'invoice' and i.open_amount > 0) as oldest_due
       from ${OPEN_ITEMS_SQL} i where i.debtor_id = d.id) o on true
     where ${where}${after} order by ${key}, d.id limit ?`,
    [...params, ...(query.after ? [query.after.key, query.after.after] : []), query.limit + 1],
  );
  return rows.map((row) => ({ ...debtorFromColumns(row), sortKey: Number(row.sort_key) }));
}

/** What the debtors of the whole filtered list owe, per currency: never added across currencies. */
export interface DebtorTotals {
  /** Debtors in the whole filtered list. */
  count: number;
  currencies: { currency: string; debtors: number; openAmount: number; overdueAmount: number }[];
}

export async function debtorTotals(em: EntityManager, filter: DebtorFilter): Promise<DebtorTotals> {
  const { where, params } = filterSql(filter);
  const [counted] = await em.execute<{ count: string }[]>(
    `select count(*)::text as count from debtor d where ${where}`,
    params,
  );
  const rows = await em.execute<
    { currency: string; debtors: string; open_amount: string; overdue: string }[]
  >(
    `select i.currency, count(distinct i.debtor_id)::text as debtors, sum(i.open_amount)::text as open_amount,
       coalesce(sum(i.open_amount) filter (where i.due_date < b.today), 0)::text as overdue
     from ${OPEN_ITEMS_SQL} i join ${BUSINESS_DATES_SQL} b on b.administration_id = i.administration_id
     where i.debtor_id in (select d.id from debtor d where ${where})
     group by i.currency order by i.currency`,
    params,
  );
  return {
    count: Number(counted?.count ?? 0),
    currencies: rows.map((r) => ({
      currency: r.currency.trim(),
      debtors: Number(r.debtors),
      openAmount: Number(r.open_amount),
      overdueAmount: Number(r.overdue),
    })),
  };
}
