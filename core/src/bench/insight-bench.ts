import type { PoolClient } from 'pg';
import type { Orm } from '../db/orm.ts';
import { readAsTenant, withTenantClient } from '../db/tenant-scope.ts';
import { countBackMonths } from '../insight/count-back-months.ts';
import { type Ageing, ageing, type Kpis, kpis } from '../insight/index.ts';
import { countBackDso, rounded } from '../insight/kpi-formulas.ts';
import { addDays } from '../shared/iso-date.ts';
import { createTenant } from '../tenants/tenant-service.ts';
import { alternateRounds } from './alternate-rounds.ts';
import { type BenchRow, compared } from './bench-rows.ts';
import { benchForecast } from './forecast-bench.ts';
import { generateInsightLedger, INSIGHT_AS_OF, type InsightLedger } from './insight-ledger.ts';
import { benchRisk } from './risk-bench.ts';

export interface InsightBenchOptions {
  orm: Orm;
  invoices: number;
  log: (line: string) => void;
}

/** The quarter the KPIs cover, ending on the bench's date. */
const PERIOD = { from: addDays(INSIGHT_AS_OF, -90), to: INSIGHT_AS_OF };

/**
 * The insight group: one generated ledger (insight-ledger.ts), then three rows on it. KPIs of a
 * quarter and the ageing on its last day, through insight's functions (as the API and the snapshot
 * compute them), against one hand-written SQL aggregation of the same sums, in the same run (each side
 * twice, alternating, the faster counted; the two answers must agree to the cent before any time is
 * reported); then the 13-week forecast (forecast-bench.ts) and the risk refresh (risk-bench.ts).
 */
export async function benchInsight({ orm, invoices, log }: InsightBenchOptions): Promise<BenchRow[]> {
  const { id: tenantId } = await createTenant(orm, 'Kredo Insight Bench');
  const ledger = await generateInsightLedger(orm, tenantId, invoices, log);
  const pool = await orm.em.getConnection().getNativeClient();
  await pool.query('checkpoint');
  const n = invoices.toLocaleString('en');
  const sides = await alternateRounds(
    {
      label: `KPIs and ageing of ${n} invoices with one SQL aggregation`,
      run: () => withTenantClient(orm, tenantId, (client) => aggregate(client, ledger)),
    },
    {
      label: 'KPIs and ageing through insight',
      run: () => readAsTenant(orm, tenantId, (em) => insightFigures(em, ledger)),
    },
    log,
  );
  sameFigures(sides.kredo.result, sides.baseline.result);
  return [
    compared(`KPIs and ageing, ${n} invoices`, 's', sides.kredo.seconds, sides.baseline.seconds, {
      atMost: 1.5,
      of: 'one SQL aggregation',
    }),
    ...(await benchForecast(orm, ledger, log)),
    ...(await benchRisk(orm, ledger, log)),
  ];
}

async function insightFigures(em: Parameters<typeof kpis>[0], ledger: InsightLedger) {
  const scope = { administrationId: ledger.administrationId };
  return {
    kpis: await kpis(em, { ...scope, ...PERIOD }),
    ageing: await ageing(em, { ...scope, asOf: PERIOD.to }),
  };
}

/** The baseline's sums: those the KPIs and the ageing are made of. */
interface Baseline {
  beginning: number;
  ending: number;
  endingCurrent: number;
  creditSales: number;
  months: number[];
  buckets: number[];
}

/** One statement: every sum the KPIs and the ageing need, straight from the tables. */
async function aggregate(client: PoolClient, ledger: InsightLedger): Promise<Baseline> {
  await client.query('set local role none');
  const start = addDays(PERIOD.from, -1);
  const months = countBackMonths(PERIOD.to);
  const monthSums = months
    .map(
      (m, k) =>
        `sum(amount) filter (where issue_date > '${m.after}' and issue_date <= '${m.through}') as m${k}`,
    )
    .join(', ');
  const { rows } = await client.query<Record<string, string>>(
    `with paid as (
       select a.invoice_id, sum(a.amount) filter (where p.value_date > $2::date) as after_end, sum(a.amount) as after_start
       from allocation a join payment p on p.id = a.payment_id where p.value_date > $3::date group by a.invoice_id),
     x as (
       select i.issue_date, i.due_date, i.amount, i.open_amount + coalesce(p.after_end, 0) as open_end,
         i.open_amount + coalesce(p.after_start, 0) as open_start
       from invoice i left join paid p on p.invoice_id = i.id
       where i.administration_id = $1 and i.document_type = 'invoice' and i.status in ('open', 'paid')
         and i.issue_date <= $2::date)
     select sum(open_start) filter (where issue_date <= $3::date) as beginning, sum(open_end) as ending,
       sum(open_end) filter (where due_date >= $2::date) as ending_current,
       sum(amount) filter (where issue_date >= $4::date) as credit_sales, ${monthSums},
       sum(open_end) filter (where open_end > 0 and due_date >= $2::date) as b0,
       sum(open_end) filter (where open_end > 0 and $2::date - due_date between 1 and 30) as b1,
       sum(open_end) filter (where open_end > 0 and $2::date - due_date between 31 and 60) as b2,
       sum(open_end) filter (where open_end > 0 and $2::date - due_date between 61 and 90) as b3,
       sum(open_end) filter (where open_end > 0 and $2::date - due_date > 90) as b4
     from x`,
    [ledger.administrationId, PERIOD.to, start, PERIOD.from],
  );
  const row = rows[0] ?? {};
  const num = (key: string) => Number(row[key] ?? 0);
  return {
    beginning: num('beginning'),
    ending: num('ending'),
    endingCurrent: num('ending_current'),
    creditSales: num('credit_sales'),
    months: months.map((_, k) => num(`m${k}`)),
    buckets: [0, 1, 2, 3, 4].map((b) => num(`b${b}`)),
  };
}

/** Refuses a comparison of unlike things: insight's sums and count-back DSO must be the baseline's. */
function sameFigures(figures: { kpis: Kpis; ageing: Ageing }, baseline: Baseline): void {
  const [k] = figures.kpis.currencies;
  const [a] = figures.ageing.currencies;
  const months = countBackMonths(PERIOD.to).map((m, i) => ({ days: m.days, sales: baseline.months[i] ?? 0 }));
  const ours = [
    k?.receivables.beginning,
    k?.receivables.ending,
    k?.receivables.endingCurrent,
    k?.creditSales,
    k?.countBackDso,
    ...(a?.buckets.map((b) => b.amount) ?? []),
  ];
  const theirs = [
    baseline.beginning,
    baseline.ending,
    baseline.endingCurrent,
    baseline.creditSales,
    rounded(countBackDso(baseline.ending, months).days),
    ...baseline.buckets,
  ];
  if (JSON.stringify(ours) !== JSON.stringify(theirs)) {
    throw new Error(
      `insight's figures ${JSON.stringify(ours)} differ from the SQL's ${JSON.stringify(theirs)}`,
    );
  }
}
