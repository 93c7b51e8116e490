import type { PoolClient } from 'pg';
import type { Orm } from '../db/orm.ts';
import { readAsTenant, withTenantClient } from '../db/tenant-scope.ts';
import { FORECAST_WEEKS, type Forecast, forecast, forecastWeeks } from '../forecast/index.ts';
import { alternateRounds } from './alternate-rounds.ts';
import { lateInvoicesCtes } from './behaviour-baseline-sql.ts';
import { type BenchRow, compared } from './bench-rows.ts';
import { INSIGHT_AS_OF, type InsightLedger } from './insight-ledger.ts';

/** The plain equivalent's answer: what it placed in each week (the last: after the 13), and the fallback delay. */
interface Baseline {
  weeks: number[];
  administrationDaysBeyondTerms: number | null;
  debtorsWithHistory: number;
}

/**
 * The 13-week forecast of the insight ledger's administration, as the API answers it, against one SQL
 * statement doing the heart of it plainly: each open invoice at its due date shifted by its debtor's
 * recency-weighted days beyond terms (the administration's for debtors without history), summed per
 * week. The baseline leaves promises and disputes out; both sides must place the same total and find
 * the same days beyond terms before any time is reported.
 */
export async function benchForecast(
  orm: Orm,
  ledger: InsightLedger,
  log: (line: string) => void,
): Promise<BenchRow[]> {
  const { tenantId, administrationId } = ledger;
  const sides = await alternateRounds(
    {
      label: 'The forecast as one SQL statement',
      run: () => withTenantClient(orm, tenantId, (client) => plainForecast(client, administrationId)),
    },
    {
      label: 'The 13-week forecast through forecast/',
      run: () =>
        readAsTenant(orm, tenantId, (em) =>
          forecast(em, { administrationId, granularity: 'week', asOf: INSIGHT_AS_OF }),
        ),
    },
    log,
  );
  samePlacement(sides.kredo.result, sides.baseline.result);
  const n = ledger.invoices.toLocaleString('en');
  return [
    compared(`13-week forecast, ${n} invoices`, 's', sides.kredo.seconds, sides.baseline.seconds, {
      atMost: 1.5,
      of: 'one SQL statement (open invoices shifted by days beyond terms, per week)',
    }),
  ];
}

async function plainForecast(client: PoolClient, administrationId: string): Promise<Baseline> {
  await client.query('set local role none');
  const [monday] = forecastWeeks(INSIGHT_AS_OF);
  const { rows } = await client.query<{
    weeks: [number, string][] | null;
    fallback: number | null;
    debtors: number;
  }>(
    `with ${lateInvoicesCtes()},
     delays as (
       select debtor_id, sum(late * weight) / sum(weight) as dbt
       from late group by grouping sets ((debtor_id), ())),
     placed as (
       select greatest(i.due_date + floor(coalesce(d.dbt, f.dbt, 0) + 0.5)::int, $2::date) as on_day, i.open_amount
       from invoice i left join delays d on d.debtor_id = i.debtor_id
         cross join (select dbt from delays where debtor_id is null) f
       where i.administration_id = $1 and i.status = 'open' and i.document_type = 'invoice'
         and i.open_amount > 0 and i.currency = 'EUR'),
     weeks as (
       select least((on_day - $3::date) / 7, ${FORECAST_WEEKS}) as week, sum(open_amount) as amount
       from placed group by 1)
     select (select json_agg(json_build_array(week, amount::text) order by week) from weeks) as weeks,
       (select dbt from delays where debtor_id is null) as fallback,
       (select count(*)::int from delays where debtor_id is not null) as debtors`,
    [administrationId, INSIGHT_AS_OF, monday?.start],
  );
  const row = rows[0];
  return {
    weeks: (row?.weeks ?? []).map(([, amount]) => Number(amount)),
    administrationDaysBeyondTerms: row?.fallback ?? null,
    debtorsWithHistory: row?.debtors ?? 0,
  };
}

/**
 * Refuses a comparison of unlike work: the forecast must place every open amount the baseline placed
 * (promises replace their invoices by the same amounts in the bench's ledger; disputed ones are
 * counted apart) and use the same days beyond terms.
 */
function samePlacement(ours: Forecast, theirs: Baseline): void {
  const placed =
    ours.total.expected + ours.total.disputed + ours.beyondHorizon.expected + ours.beyondHorizon.disputed;
  const fallback = ours.behaviour.administrationDaysBeyondTerms;
  const sameFallback =
    fallback === theirs.administrationDaysBeyondTerms ||
    (fallback !== null &&
      theirs.administrationDaysBeyondTerms !== null &&
      Math.abs(fallback - theirs.administrationDaysBeyondTerms) < 1e-9);
  const theirPlaced = theirs.weeks.reduce((sum, amount) => sum + amount, 0);
  if (
    placed !== theirPlaced ||
    !sameFallback ||
    ours.behaviour.debtorsWithHistory !== theirs.debtorsWithHistory
  ) {
    throw new Error(
      `the forecast placed ${placed} with ${JSON.stringify(ours.behaviour)}; the SQL ${JSON.stringify(theirs)}`,
    );
  }
}
