import { performance } from 'node:perf_hooks';
import type { PoolClient } from 'pg';
import type { Orm } from '../db/orm.ts';
import { withTenantClient } from '../db/tenant-scope.ts';
import { dunnedPartiesSql } from '../debtors/dunned-party.ts';
import { runDunning } from '../dunning/index.ts';
import { createTenant } from '../tenants/tenant-service.ts';
import { type BenchRow, compared, measured } from './bench-rows.ts';
import { AS_OF, FIRST_STEP_DAYS, generatePortfolio, type Portfolio } from './dunning-portfolio.ts';

export interface DunningBenchOptions {
  orm: Orm;
  /** Open invoices in the large portfolio; the small one (for memory) has a tenth. */
  invoices: number;
  log: (line: string) => void;
}

/**
 * A dunning run over a generated portfolio (`invoices` open invoices, a tenth as many debtors, 10% of
 * them in groups dunned at their parent) against one SQL statement inserting the same due (party,
 * step) actions into a table of the same shape; then the idempotent rerun; then the run's peak RSS
 * at a tenth of the portfolio and at the whole, in administrations of their own. The portfolio is
 * written with COPY before any clock starts.
 */
export async function benchDunning({ orm, invoices, log }: DunningBenchOptions): Promise<BenchRow[]> {
  const { id: tenantId } = await createTenant(orm, 'Kredo Dunning Bench');
  const small = await generatePortfolio(orm, tenantId, 'SMALL', Math.max(Math.round(invoices / 10), 10), log);
  const large = await generatePortfolio(orm, tenantId, 'LARGE', invoices, log);
  const pool = await orm.em.getConnection().getNativeClient();
  await pool.query('checkpoint');

  log(`Dunning ${invoices.toLocaleString('en')} invoices with one SQL statement …`);
  const sql = await timed(() => withTenantClient(orm, tenantId, (client) => sqlBaseline(client, large)));
  await pool.query('checkpoint');
  log('Dunning them with a run …');
  const first = await measuredRun(() => run(orm, tenantId, large));
  const created = Object.values(first.result.run.summary?.actionsCreated ?? {}).reduce((a, b) => a + b, 0);
  if (created !== sql.result)
    throw new Error(`the run created ${created} actions, the SQL statement ${sql.result}`);
  log('Running it again …');
  const rerun = await timed(() => run(orm, tenantId, large));
  log(`Dunning ${small.invoices.toLocaleString('en')} invoices, for memory …`);
  const smallRun = await measuredRun(() => run(orm, tenantId, small));
  const n = (count: number) => count.toLocaleString('en');
  return [
    compared(
      `dunning run, ${n(invoices)} invoices (${n(created)} actions)`,
      's',
      first.seconds,
      sql.seconds,
      {
        atMost: 1.5,
        of: 'one SQL insert',
      },
    ),
    measured('dunning rerun, nothing due', 's', rerun.seconds),
    compared(
      `dunning run peak RSS, ${n(invoices)} vs ${n(small.invoices)} invoices`,
      'MB',
      first.peakRss / 2 ** 20,
      smallRun.peakRss / 2 ** 20,
      { atMost: 1.5, of: `the run over ${n(small.invoices)}` },
    ),
  ];
}

const run = (orm: Orm, tenantId: string, p: Portfolio) =>
  runDunning(
    { orm },
    {
      tenantId,
      administrationId: p.administrationId,
      asOf: AS_OF,
      dryRun: false,
      trigger: 'cli',
      startedBy: null,
    },
  );

/**
 * The baseline: the same actions (one per party whose first step is due, covering its overdue
 * invoices) inserted by one statement into a table shaped like `dunning_action`.
 */
async function sqlBaseline(client: PoolClient, p: Portfolio): Promise<number> {
  await client.query('set local role none');
  await client.query('create table if not exists bench_dunning_action (like dunning_action including all)');
  const { rowCount } = await client.query(
    `insert into bench_dunning_action (tenant_id, id, administration_id, debtor_id, episode, strategy_id, strategy_version,
       step_index, step_name, kind, idempotency_key, status, due_on, language, currency, total_open, invoices, reason)
     select $1, kredo_new_id('dac'), $2, rp.party_id, 1, 'dst_bench', 1, 1, 'First reminder', 'email',
       'dun:' || rp.party_id || ':e1:dst_bench:s1', 'pending', $3::date, 'en', 'EUR', sum(i.open_amount),
       jsonb_agg(jsonb_build_object('invoiceId', i.id, 'number', i.number, 'issueDate', i.issue_date,
         'dueDate', i.due_date, 'daysOverdue', $3::date - i.due_date, 'amount', i.amount, 'openAmount', i.open_amount,
         'currency', i.currency) order by i.due_date, i.number),
       jsonb_build_object('summary', 'First reminder')
     from ${dunnedPartiesSql('$2::text')} rp join invoice i on i.debtor_id = rp.debtor_id
     where i.status = 'open' and i.document_type = 'invoice' and i.open_amount > 0 and i.due_date < $3::date
     group by rp.party_id
     having min(i.due_date) + ${FIRST_STEP_DAYS} <= $3::date`,
    [p.tenantId, p.administrationId, AS_OF],
  );
  return rowCount ?? 0;
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const start = performance.now();
  const result = await work();
  return { result, seconds: (performance.now() - start) / 1000 };
}

/** `timed`, sampling the process's resident set size every 20 ms for its peak. */
async function measuredRun<T>(
  work: () => Promise<T>,
): Promise<{ result: T; seconds: number; peakRss: number }> {
  globalThis.gc?.();
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, 20);
  try {
    const { result, seconds } = await timed(work);
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    return { result, seconds, peakRss };
  } finally {
    clearInterval(sampler);
  }
}
