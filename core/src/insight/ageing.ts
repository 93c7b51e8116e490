import type { EntityManager } from '@mikro-orm/postgresql';
import {
  type AgeingBucket,
  ageingBuckets,
  bucketThresholds,
  DEFAULT_AGEING_EDGES,
} from './ageing-buckets.ts';
import { convertAgeing } from './convert-figures.ts';
import { type GroupBy, groupKeySql, type InsightScope, itemsInScopeSql } from './insight-scope.ts';
import { type Conversion, ratesOn } from './rates.ts';

export interface AgeingQuery extends InsightScope {
  /** A business date; none: each administration's own business date, and today's open amounts. */
  asOf?: string;
  /** Bucket edges for this call (ageing-buckets.ts); none: the administration's, else the default. */
  edges?: readonly number[];
  /** Convert every currency into this one at the tenant's rates (rates.ts); none: per currency. */
  convertTo?: string;
}

/** An amount in minor units and how many documents make it. */
export interface Tally {
  amount: number;
  count: number;
}

/** Ageing in one currency: open invoices per bucket, and open credit notes apart. */
export interface CurrencyAgeing {
  currency: string;
  buckets: (AgeingBucket & Tally)[];
  /** Every open invoice (the buckets' sum). */
  total: Tally;
  /** Open invoices past due (every bucket but `not_due`). */
  overdue: Tally;
  /** Open credit notes (negative amounts), not in any bucket: what the debtor may set off. */
  creditNotes: Tally;
}

export interface Ageing {
  /** The date asked for; null: each administration's business date (today). */
  asOf: string | null;
  edges: number[];
  /**
   * One entry per currency, in code order: amounts in different currencies are never added, unless
   * converted: then one entry, in `conversion.to`.
   */
  currencies: CurrencyAgeing[];
  /** null: per currency; else the target, the date and the rates the amounts were converted with. */
  conversion: Conversion | null;
}

/**
 * Open receivables by how long past due, per currency, in the scope and on the date asked: one SQL
 * aggregation over the documents (insight-scope.ts) under the caller's row-level security.
 */
export async function ageing(em: EntityManager, query: AgeingQuery): Promise<Ageing> {
  const groups = await ageingByGroup(em, query, 'all');
  const result = groups.get('') ?? {
    asOf: query.asOf ?? null,
    edges: [...(query.edges ?? DEFAULT_AGEING_EDGES)],
    currencies: [],
    conversion: null,
  };
  if (!query.convertTo) return result;
  // Today's figures convert at today's rates (UTC date); a past date's at that date's.
  const on = query.asOf ?? new Date().toISOString().slice(0, 10);
  const conversion = await ratesOn(
    em,
    query.convertTo,
    on,
    result.currencies.map((c) => c.currency),
  );
  return { ...result, currencies: convertAgeing(result.currencies, conversion), conversion };
}

/** The same split by `groupBy`, keyed as `kpisByGroup` keys its groups; groups with nothing open are absent. */
export async function ageingByGroup(
  em: EntityManager,
  query: AgeingQuery,
  groupBy: GroupBy,
): Promise<Map<string, Ageing>> {
  const edges = [...(query.edges ?? DEFAULT_AGEING_EDGES)];
  const buckets = ageingBuckets(edges);
  const items = itemsInScopeSql(query, query.asOf);
  const rows = await em.execute<AgeingRow[]>(
    `select ${groupKeySql('x', groupBy)} as grp, x.currency,
       case when x.document_type = 'invoice' then width_bucket(x.as_of - x.due_date, ?::int[]) end as bucket,
       sum(x.open)::text as amount, count(*)::text as count
     from ${items.text} x
     where (x.document_type = 'invoice' and x.open > 0) or (x.document_type = 'credit_note' and x.open < 0)
     group by 1, 2, 3`,
    [`{${bucketThresholds(edges).join(',')}}`, ...items.params],
  );
  const keys = [...new Set(rows.map((r) => r.grp))].sort();
  return new Map(
    keys.map((key) => [
      key,
      {
        asOf: query.asOf ?? null,
        edges,
        currencies: byCurrency(
          rows.filter((r) => r.grp === key),
          buckets,
        ),
        conversion: null,
      },
    ]),
  );
}

interface AgeingRow {
  grp: string;
  currency: string;
  bucket: number | null;
  amount: string;
  count: string;
}

function byCurrency(rows: AgeingRow[], buckets: AgeingBucket[]): CurrencyAgeing[] {
  const currencies = [...new Set(rows.map((r) => r.currency.trim()))].sort();
  return currencies.map((currency) => {
    const mine = rows.filter((r) => r.currency.trim() === currency);
    const tally = (bucket: number | null): Tally => {
      const row = mine.find((r) => r.bucket === bucket);
      return { amount: Number(row?.amount ?? 0), count: Number(row?.count ?? 0) };
    };
    const aged = buckets.map((bucket, i) => ({ ...bucket, ...tally(i) }));
    const sum = (list: Tally[]): Tally => ({
      amount: list.reduce((s, t) => s + t.amount, 0),
      count: list.reduce((s, t) => s + t.count, 0),
    });
    return {
      currency,
      buckets: aged,
      total: sum(aged),
      overdue: sum(aged.slice(1)),
      creditNotes: tally(null),
    };
  });
}
