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
  await sameActions(orm, tenantId, large);
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
 * invoices) inserted by one statement into a table shaped like `dunning_action`, with its foreign key
 * to the debtor, and with the same columns filled as a run fills them: the invoices, and the reason
 * the run records (segment, strategy, step, run, dates and the summary sentence).
 */
async function sqlBaseline(client: PoolClient, p: Portfolio): Promise<number> {
  await client.query('set local role none');
  await client.query('drop table if exists bench_dunning_action');
  await client.query('create table bench_dunning_action (like dunning_action including all)');
  await client.query(
    `alter table bench_dunning_action add foreign key (tenant_id, administration_id, debtor_id)
       references debtor (tenant_id, administration_id, id) on delete cascade`,
  );
  const { rowCount } = await client.query(
    `insert into bench_dunning_action (tenant_id, id, administration_id, debtor_id, run_id, episode, strategy_id,
       strategy_version, step_index, step_name, kind, idempotency_key, status, due_on, language, currency, total_open,
       invoices, credits, reason)
     select $1, kredo_new_id('dac'), $2, g.party_id, $4::text, 1, $5::text, 1, 1, 'First reminder', 'email',
       'dun:' || g.party_id || ':e1:' || $5 || ':s1', 'pending', $3::date, 'en', 'EUR', g.total_open, g.invoices, '[]',
       jsonb_build_object('segment', null, 'strategy', jsonb_build_object('id', $5, 'name', 'Bench', 'version', 1),
         'step', jsonb_build_object('index', 1, 'name', 'First reminder', 'offsetDays', ${FIRST_STEP_DAYS}, 'from', 'due_date'),
         'trigger', 'run', 'runId', $4, 'asOf', $3, 'episode', 1, 'oldestDueDate', g.oldest,
         'summary', format('First reminder (e-mail) under strategy Bench v1, step 1, for %s invoices overdue %s to %s days, € %s; '
           || 'no segment matched: the administration''s default strategy',
           g.count, $3::date - g.newest, $3::date - g.oldest, to_char(g.total_open / 100.0, 'FM999,999,990.00')))
     from (
       select rp.party_id, count(*) as count, sum(i.open_amount) as total_open, min(i.due_date) as oldest,
         max(i.due_date) as newest,
         jsonb_agg(jsonb_build_object('invoiceId', i.id, 'number', i.number, 'issueDate', i.issue_date,
           'dueDate', i.due_date, 'daysOverdue', $3::date - i.due_date, 'amount', i.amount,
           'openAmount', i.open_amount, 'currency', i.currency) order by i.due_date, i.number) as invoices
       from ${dunnedPartiesSql('$2::text')} rp join invoice i on i.debtor_id = rp.debtor_id
       where i.status = 'open' and i.document_type = 'invoice' and i.open_amount > 0 and i.due_date < $3::date
       group by rp.party_id
       having min(i.due_date) + ${FIRST_STEP_DAYS} <= $3::date) g`,
    [p.tenantId, p.administrationId, AS_OF, 'drn_bench_baseline', 'dst_bench_baseline'],
  );
  return rowCount ?? 0;
}

/**
 * Refuses a comparison of unlike things: every action of the run must have its twin in the baseline's
 * table (same party, invoices and total, a reason with the same fields).
 */
async function sameActions(orm: Orm, tenantId: string, p: Portfolio): Promise<void> {
  const unlike = await withTenantClient(orm, tenantId, async (client) => {
    await client.query('set local role none');
    const { rows } = await client.query<{ unlike: number }>(
      `select count(*)::int as unlike from dunning_action a
       left join bench_dunning_action b on b.debtor_id = a.debtor_id
       where a.administration_id = $1 and (b.id is null or a.invoices <> b.invoices or a.total_open <> b.total_open
         or array(select jsonb_object_keys(a.reason) order by 1) <> array(select jsonb_object_keys(b.reason) order by 1))`,
      [p.administrationId],
    );
    return rows[0]?.unlike ?? -1;
  });
  if (unlike !== 0) throw new Error(`${unlike} of the run's actions differ from the SQL statement's`);
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
