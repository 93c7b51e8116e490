import type { PoolClient } from 'pg';
import { BEHAVIOUR, SCORE_POLICY } from '../risk/index.ts';
import { lateInvoicesCtes } from './behaviour-baseline-sql.ts';

/** Outside `public`, so the baseline's table can never be mistaken for Kredo's own. */
export const RISK_COPY_TABLE = 'bench.debtor_risk';

/** The baseline's target: `debtor_risk`'s columns, checks and indexes, and its foreign key to the debtor. */
export async function createRiskCopyTable(client: PoolClient): Promise<void> {
  await client.query('create schema if not exists bench');
  await client.query(`create table ${RISK_COPY_TABLE} (like public.debtor_risk including all)`);
  await client.query(`alter table ${RISK_COPY_TABLE} add foreign key (tenant_id, administration_id, debtor_id)
    references public.debtor (tenant_id, administration_id, id)`);
}

/** `min(cap, max(0, round(value)) × perUnit)` as risk/payment-score.ts takes points off; `value` is SQL. */
function pointsOff(name: keyof typeof SCORE_POLICY, value: string): string {
  const { perUnit, cap } = SCORE_POLICY[name];
  return `coalesce(least(${cap}, greatest(0, floor(${value} + 0.5)) * ${perUnit}), 0)`;
}

/** One score input as the refresh stores it in `inputs`. */
function input(name: keyof typeof SCORE_POLICY, value: string, points: string): string {
  return `jsonb_build_object('name', '${name}', 'value', ${value}, 'contribution', 0 - ${points})`;
}

/**
 * The risk refresh as one statement: every debtor with something to say (a paid invoice, a broken
 * promise, a defaulted plan or a dispute in the window, a limit, or an earlier row) gets its score,
 * inputs and limit use upserted, computed in SQL as risk/payment-score.ts and limit-use.ts compute
 * them. What it does not do: the crossing rows and events (the refresh records none when nothing
 * crossed, as in the timed rounds). The administration is $1, the as-of date $2, the tenant $3.
 */
export function riskUpsertSql(): string {
  const { lookbackDays, recentDays } = BEHAVIOUR;
  const round2 = (value: string) => `(floor(${value} * 100 + 0.5) / 100)`;
  return `insert into ${RISK_COPY_TABLE} (tenant_id, debtor_id, administration_id, score, inputs, paid_invoices,
       days_beyond_terms, computed_on, computed_at, limit_currency, limit_amount, limit_open, over_limit)
     with ${lateInvoicesCtes()},
     delays as (
       select debtor_id, count(*)::int as paid_invoices, sum(late * weight) / sum(weight) as dbt,
         avg(late) filter (where age < ${recentDays}) - avg(late) filter (where age >= ${recentDays}) as trend
       from late group by debtor_id),
     counts as (
       select debtor_id, count(*) filter (where kind = 'promise')::int as broken,
         count(*) filter (where kind = 'plan')::int as missed, count(*) filter (where kind = 'dispute')::int as disputes
       from (select debtor_id, 'promise' as kind from payment_promise where administration_id = $1
               and status = 'broken' and promised_on > $2::date - ${lookbackDays} and promised_on <= $2::date
             union all select debtor_id, 'plan' from payment_plan where administration_id = $1
               and status = 'defaulted' and closed_on > $2::date - ${lookbackDays} and closed_on <= $2::date
             union all select debtor_id, 'dispute' from dispute where administration_id = $1
               and opened_on > $2::date - ${lookbackDays} and opened_on <= $2::date) c
       group by debtor_id),
     limits as (
       select d.id as debtor_id, d.credit_limit, d.credit_limit_currency, coalesce(sum(i.open_amount), 0) as open
       from debtor d left join invoice i on i.debtor_id = d.id and i.administration_id = $1 and i.status = 'open'
         and i.currency = d.credit_limit_currency
       where d.administration_id = $1 and d.credit_limit is not null group by d.id, d.credit_limit, d.credit_limit_currency),
     debtors as (
       select debtor_id from delays union select debtor_id from counts union select debtor_id from limits
       union select debtor_id from ${RISK_COPY_TABLE} where administration_id = $1),
     facts as (
       select x.debtor_id, coalesce(d.paid_invoices, 0) as paid_invoices, d.dbt, ${round2('d.dbt')} as dbt2,
         ${round2('d.trend')} as trend2, coalesce(c.broken, 0) as broken, coalesce(c.missed, 0) as missed,
         coalesce(c.disputes, 0) as disputes, l.credit_limit, l.credit_limit_currency, l.open
       from debtors x left join delays d using (debtor_id) left join counts c using (debtor_id)
         left join limits l using (debtor_id)),
     points as (
       select f.*, ${pointsOff('daysBeyondTerms', 'f.dbt2')} as p_dbt, ${pointsOff('trend', 'f.trend2')} as p_trend,
         ${pointsOff('brokenPromises', 'f.broken')} as p_broken, ${pointsOff('missedInstalments', 'f.missed')} as p_missed,
         ${pointsOff('disputes', 'f.disputes')} as p_disputes
       from facts f)
     select $3, p.debtor_id, $1,
       case when p.paid_invoices > 0 or p.broken > 0 or p.missed > 0 or p.disputes > 0
         then greatest(0, 100 - p.p_dbt - p.p_trend - p.p_broken - p.p_missed - p.p_disputes) end,
       jsonb_build_array(${input('daysBeyondTerms', 'p.dbt2', 'p.p_dbt')}, ${input('trend', 'p.trend2', 'p.p_trend')},
         ${input('brokenPromises', 'p.broken', 'p.p_broken')}, ${input('missedInstalments', 'p.missed', 'p.p_missed')},
         ${input('disputes', 'p.disputes', 'p.p_disputes')}),
       p.paid_invoices, p.dbt, $2::date, now(), p.credit_limit_currency, p.credit_limit, p.open,
       coalesce(p.open > p.credit_limit, false)
     from points p
     on conflict (tenant_id, debtor_id) do update set score = excluded.score, inputs = excluded.inputs,
       paid_invoices = excluded.paid_invoices, days_beyond_terms = excluded.days_beyond_terms,
       computed_on = excluded.computed_on, computed_at = excluded.computed_at,
       limit_currency = excluded.limit_currency, limit_amount = excluded.limit_amount,
       limit_open = excluded.limit_open, over_limit = excluded.over_limit`;
}

/** Rows of the administration on which the refresh and the baseline differ (score, limit use, history), and all rows. */
export async function riskDifferences(
  client: PoolClient,
  administrationId: string,
): Promise<{ differ: number; rows: number }> {
  const { rows } = await client.query<{ differ: number; rows: number }>(
    `select count(*) filter (where r.debtor_id is null or b.debtor_id is null or r.score is distinct from b.score
         or r.over_limit <> b.over_limit or r.limit_open is distinct from b.limit_open
         or r.paid_invoices <> b.paid_invoices or r.days_beyond_terms is distinct from b.days_beyond_terms)::int as differ,
       count(*)::int as rows
     from (select * from public.debtor_risk where administration_id = $1) r
     full join (select * from ${RISK_COPY_TABLE} where administration_id = $1) b using (debtor_id)`,
    [administrationId],
  );
  return rows[0] ?? { differ: 0, rows: 0 };
}
