import type { EntityManager } from '@mikro-orm/postgresql';
import { DISPUTE_SPANS_SQL } from '../disputes/index.ts';
import { RECEIVABLE_ITEMS_SQL } from '../invoices/index.ts';
import { INVOICE_PAYMENTS_SQL } from '../payments/index.ts';
import { PROMISE_OUTCOMES_SQL } from '../promises/index.ts';
import { addDays } from '../shared/iso-date.ts';
import type { MonthSlice } from './count-back-months.ts';
import { type GroupBy, groupKeySql, type InsightScope, scopeWhereSql } from './insight-scope.ts';
import type { KpiIngredients, SalesMonth } from './kpi-formulas.ts';

/** A period of business dates, both ends included. */
export interface Period {
  from: string;
  to: string;
}

/** One currency's sums for the period, and its sales per count-back month (the latest first). */
export interface CurrencyIngredients extends KpiIngredients {
  /** The group's key (insight-scope.ts `groupKeySql`); '' when not grouped. */
  group: string;
  currency: string;
  /** The count-back months, the latest first. */
  months: SalesMonth[];
}

/**
 * The receivables' sums per group and currency (invoices only: insight.md, What counts), in one pass
 * over the documents: open at the start and at the end (rebuilt from payments' value dates), what of
 * it was not yet due at the end, the credit sales of the period and of each count-back month.
 */
export async function receivableSums(
  em: EntityManager,
  scope: InsightScope,
  period: Period,
  months: readonly MonthSlice[],
  groupBy: GroupBy = 'all',
): Promise<CurrencyIngredients[]> {
  const start = addDays(period.from, -1);
  const inScope = scopeWhereSql('r', scope);
  const monthSums = months
    .map(
      (_, k) =>
        `coalesce(sum(r.amount) filter (where r.issue_date > ?::date and r.issue_date <= ?::date), 0)::text as m${k}`,
    )
    .join(',\n       ');
  const rows = await em.execute<Record<string, string>[]>(
    `with paid as (
       select ip.invoice_id, sum(ip.amount) filter (where ip.value_date > ?::date) as after_end,
         sum(ip.amount) as after_start
       from ${INVOICE_PAYMENTS_SQL} ip where ip.value_date > ?::date group by ip.invoice_id)
     select ${groupKeySql('r', groupBy)} as grp, r.currency,
       coalesce(sum(r.open_amount + coalesce(p.after_start, 0)) filter (where r.issue_date <= ?::date), 0)::text as beginning,
       coalesce(sum(r.open_amount + coalesce(p.after_end, 0)), 0)::text as ending,
       coalesce(sum(r.open_amount + coalesce(p.after_end, 0)) filter (where r.due_date >= ?::date), 0)::text as ending_current,
       coalesce(sum(r.amount) filter (where r.issue_date >= ?::date), 0)::text as credit_sales${months.length ? `,\n       ${monthSums}` : ''}
     from ${RECEIVABLE_ITEMS_SQL} r left join paid p on p.invoice_id = r.id
     where r.document_type = 'invoice' and r.issue_date <= ?::date and ${inScope.text}
     group by 1, 2`,
    [
      period.to,
      start,
      start,
      period.to,
      period.from,
      ...months.flatMap((m) => [m.after, m.through]),
      period.to,
      ...inScope.params,
    ],
  );
  const days = daysIn(period);
  return rows.map((row) => ({
    group: row.grp as string,
    currency: (row.currency as string).trim(),
    beginning: Number(row.beginning),
    ending: Number(row.ending),
    endingCurrent: Number(row.ending_current),
    creditSales: Number(row.credit_sales),
    days,
    months: months.map((m, k) => ({ days: m.days, sales: Number(row[`m${k}`]) })),
  }));
}

/** Promises whose promised date falls in the period, by outcome, per group. */
export async function promiseOutcomes(
  em: EntityManager,
  scope: InsightScope,
  period: Period,
  groupBy: GroupBy = 'all',
): Promise<Map<string, { kept: number; broken: number }>> {
  const inScope = scopeWhereSql('p', scope);
  const rows = await em.execute<{ grp: string; kept: string; broken: string }[]>(
    `select ${groupKeySql('p', groupBy)} as grp, count(*) filter (where p.kept)::text as kept,
       count(*) filter (where not p.kept)::text as broken
     from ${PROMISE_OUTCOMES_SQL} p where p.promised_on between ?::date and ?::date and ${inScope.text}
     group by 1`,
    [period.from, period.to, ...inScope.params],
  );
  return new Map(rows.map((r) => [r.grp, { kept: Number(r.kept), broken: Number(r.broken) }]));
}

/** Disputes opened and resolved in the period, and those open at its end with their age then. */
export interface DisputeFigures {
  opened: number;
  resolved: number;
  /** Average days from opening to resolution of those resolved in the period. */
  averageDaysToResolve: number | null;
  open: number;
  /** Average days the disputes open at the end had been open then. */
  averageOpenAgeDays: number | null;
}

/** Dispute figures per group; a group without disputes is absent. */
export async function disputeFigures(
  em: EntityManager,
  scope: InsightScope,
  period: Period,
  groupBy: GroupBy = 'all',
): Promise<Map<string, DisputeFigures>> {
  const inScope = scopeWhereSql('d', scope);
  const { from, to } = period;
  const rows = await em.execute<
    {
      grp: string;
      opened: string;
      resolved: string;
      to_resolve: string | null;
      open: string;
      open_age: string | null;
    }[]
  >(
    `select ${groupKeySql('d', groupBy)} as grp, count(*) filter (where d.opened_on between ?::date and ?::date)::text as opened,
       count(*) filter (where d.resolved_on between ?::date and ?::date)::text as resolved,
       avg(d.resolved_on - d.opened_on) filter (where d.resolved_on between ?::date and ?::date)::text as to_resolve,
       count(*) filter (where d.opened_on <= ?::date and (d.resolved_on is null or d.resolved_on > ?::date))::text as open,
       avg(?::date - d.opened_on) filter (where d.opened_on <= ?::date
         and (d.resolved_on is null or d.resolved_on > ?::date))::text as open_age
     from ${DISPUTE_SPANS_SQL} d where ${inScope.text} group by 1`,
    [from, to, from, to, from, to, to, to, to, to, to, ...inScope.params],
  );
  const average = (value: string | null) => (value === null ? null : Number(value));
  return new Map(
    rows.map((row) => [
      row.grp,
      {
        opened: Number(row.opened),
        resolved: Number(row.resolved),
        averageDaysToResolve: average(row.to_resolve),
        open: Number(row.open),
        averageOpenAgeDays: average(row.open_age),
      },
    ]),
  );
}

/** Days in a period, both ends included. */
export function daysIn(period: Period): number {
  return Math.round((Date.parse(period.to) - Date.parse(period.from)) / 86_400_000) + 1;
}
