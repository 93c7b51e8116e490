import type { EntityManager } from '@mikro-orm/postgresql';
import { BUSINESS_DATES_SQL } from '../administrations/business-date.ts';
import { debtorsNamedSql } from '../debtors/debtor-service.ts';
import type { KeyCursor } from '../http/pagination.ts';
import { invalid } from '../shared/errors.ts';
import { likeEscape } from '../shared/schemas.ts';
import type { InvoiceColumns, InvoiceRow } from './invoice-service.ts';
import { invoiceFromColumns } from './invoice-service.ts';
import type { DocumentType, InvoiceStatus } from './invoice-types.ts';
import { pastDueSql } from './overdue-rule.ts';

/** The orders the invoice list offers. */
export const INVOICE_SORTS = ['id', 'balance', 'due_date', 'days_overdue'] as const;
export type InvoiceSort = (typeof INVOICE_SORTS)[number];

/**
 * Each order as an ascending key over `i` (the invoice) and `b` (its administration's business date),
 * so one keyset `(sort_key, id)` pages it: `balance` is the open amount, largest first (negated);
 * `due_date` the earliest first; `days_overdue` the most days past due first (due date minus the
 * business date, so administrations in other time zones are each measured on their own day).
 * `balance` and `due_date` have indexes (migration Insight).
 */
const SORT_KEYS: Record<
  Exclude<InvoiceSort, 'id'>,
  { sql: string; cast: string; kind: 'number' | 'string' }
> = {
  balance: { sql: '(-i.open_amount)', cast: 'bigint', kind: 'number' },
  due_date: { sql: 'i.due_date', cast: 'date', kind: 'string' },
  days_overdue: { sql: '(i.due_date - b.today)', cast: 'integer', kind: 'number' },
};

export interface InvoiceFilter {
  administrationId?: string;
  debtorId?: string;
  status?: InvoiceStatus;
  documentType?: DocumentType;
  /** true: open and due before the business date (`pastDueSql`); false: all others. */
  overdue?: boolean;
  dueBefore?: string;
  dueAfter?: string;
  /** Matches the invoice number (prefix) or the debtor's name (anywhere). */
  q?: string;
}

export interface InvoicePageQuery extends InvoiceFilter {
  /** `id` (creation order) unless given. */
  sort?: InvoiceSort;
  /** The `(key, id)` the previous page ended at; the key is absent for the id order. */
  after?: KeyCursor;
  limit: number;
}

/** An invoice of a sorted page, with the key its cursor carries. */
export type ListedInvoice = InvoiceRow & { sortKey: string | number };

/** The filter as SQL conditions over `i`, with their parameters. */
function filterSql(filter: InvoiceFilter): { where: string; params: unknown[] } {
  const where: string[] = ['true'];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql);
    params.push(...values);
  };
  if (filter.administrationId) add('i.administration_id = ?', filter.administrationId);
  if (filter.debtorId) add('i.debtor_id = ?', filter.debtorId);
  if (filter.status) add('i.status = ?', filter.status);
  if (filter.documentType) add('i.document_type = ?', filter.documentType);
  if (filter.dueBefore) add('i.due_date < ?', filter.dueBefore);
  if (filter.dueAfter) add('i.due_date > ?', filter.dueAfter);
  if (filter.overdue === true) add(pastDueSql('i'));
  if (filter.overdue === false) add(`not ${pastDueSql('i')}`);
  if (filter.q) {
    const q = likeEscape(filter.q);
    add(`(i.number ilike ? or i.debtor_id in ${debtorsNamedSql('?')})`, `${q}%`, `%${q}%`);
  }
  return { where: where.join(' and '), params };
}

/** One page of invoices in the order asked, as plain data, with each row's sort key. */
export async function listInvoices(em: EntityManager, query: InvoicePageQuery): Promise<ListedInvoice[]> {
  const { where, params } = filterSql(query);
  if (query.sort === undefined || query.sort === 'id') {
    const after = query.after ? ' and i.id > ?' : '';
    const rows = await em.execute<InvoiceColumns[]>(
      `select i.* from invoice i where ${where}${after} order by i.id limit ?`,
      [...params, ...(query.after ? [query.after.after] : []), query.limit + 1],
    );
    return rows.map((row) => ({ ...invoiceFromColumns(row), sortKey: row.id }));
  }
  const key = SORT_KEYS[query.sort];
  if (query.after && typeof query.after.key !== key.kind)
    throw invalid('cursor', 'not a cursor of this sort');
  const after = query.after ? ` and (${key.sql}, i.id) > (?::${key.cast}, ?)` : '';
  const rows = await em.execute<(InvoiceColumns & { sort_key: string | number })[]>(
    `select i.*, ${key.kind === 'string' ? `to_char(${key.sql}, 'YYYY-MM-DD')` : key.sql} as sort_key
     from invoice i join ${BUSINESS_DATES_SQL} b on b.administration_id = i.administration_id
     where ${where}${after} order by ${key.sql}, i.id limit ?`,
    [...params, ...(query.after ? [query.after.key, query.after.after] : []), query.limit + 1],
  );
  return rows.map((row) => ({
    ...invoiceFromColumns(row),
    sortKey: key.kind === 'number' ? Number(row.sort_key) : row.sort_key,
  }));
}

/** What the whole filtered list adds up to, per currency: never added across currencies. */
export interface InvoiceTotals {
  count: number;
  currencies: { currency: string; count: number; amount: number; openAmount: number }[];
}

export async function invoiceTotals(em: EntityManager, filter: InvoiceFilter): Promise<InvoiceTotals> {
  const { where, params } = filterSql(filter);
  const rows = await em.execute<{ currency: string; count: string; amount: string; open_amount: string }[]>(
    `select i.currency, count(*)::text as count, sum(i.amount)::text as amount, sum(i.open_amount)::text as open_amount
     from invoice i where ${where} group by i.currency order by i.currency`,
    params,
  );
  const currencies = rows.map((r) => ({
    currency: r.currency.trim(),
    count: Number(r.count),
    amount: Number(r.amount),
    openAmount: Number(r.open_amount),
  }));
  return { count: currencies.reduce((n, c) => n + c.count, 0), currencies };
}
