import type { EntityManager } from '@mikro-orm/postgresql';
import { businessDateSql } from '../administrations/business-date.ts';
import type { Orm } from '../db/orm.ts';
import { tenantEm } from '../db/tenant-scope.ts';
import { liftPauses } from '../dunning/pauses.ts';
import { recordEvent } from '../events/index.ts';
import { readInvoiceRecords } from '../invoices/invoice-records.ts';
import { forEachTenant } from '../jobs/for-each-tenant.ts';
import { allocatedSinceSql } from '../payments/allocated-since.ts';
import { createTask } from '../tasks/index.ts';
import { planState, promiseVerdict } from './arrangement-verdict.ts';
import { PLAN_COLUMNS, type PlanRow, planRecord } from './plan-store.ts';
import { PROMISE_COLUMNS, type PromiseRow, promiseRecord } from './promise-store.ts';

export interface MonitorRun {
  kept: number;
  broken: number;
  completed: number;
  defaulted: number;
}

type Measured<R> = R & { allocated: string | number; today: string };

/**
 * Compares every open promise and active plan with the payments, every tenant in turn, each in one
 * transaction under its row-level security:
 * 1. what was paid towards it since it was made: the payments allocated to its invoices since then
 *    (payments/allocated-since.ts), or the fall in their open total when that is more (an ERP that
 *    imports open amounts instead of payments);
 * 2. the verdict, pure (arrangement-verdict.ts), against the business date (`asOf` replaces it: a
 *    test's fixed clock);
 * 3. applied: a kept promise or completed plan lifts its pauses (`ended`); a broken promise or defaulted
 *    plan lifts them (`broken`) so dunning resumes where it stood, and puts a task on the collector's
 *    list; each records its event. What stays open only has its `paid` brought up to date.
 * Rows another worker is checking are skipped (`skip locked`); a verdict is taken once (the status).
 */
export async function monitorArrangements(
  orm: Orm,
  options: { asOf?: string; only?: string } = {},
): Promise<MonitorRun> {
  const run: MonitorRun = { kept: 0, broken: 0, completed: 0, defaulted: 0 };
  await forEachTenant(
    orm,
    ({ tenantId }) =>
      tenantEm(orm, tenantId).transactional(async (em) => {
        const asOf = options.asOf ?? null;
        const promises = await measure<PromiseRow>(
          em,
          'payment_promise',
          PROMISE_COLUMNS,
          "status = 'open'",
          asOf,
        );
        const plans = await measure<PlanRow>(em, 'payment_plan', PLAN_COLUMNS, "status = 'active'", asOf);
        const openNow = await openTotals(em, [...promises, ...plans]);
        for (const promise of promises) {
          const paid = paidTowards(promise, Number(promise.open_at_start), openNow);
          const verdict = promiseVerdict(
            {
              amount: Number(promise.amount),
              promisedOn: promise.promised_on,
              graceDays: promise.grace_days,
            },
            paid,
            promise.today,
          );
          await settlePromise(em, tenantId, promise, paid, verdict);
          if (verdict !== 'open') run[verdict] += 1;
        }
        for (const plan of plans) {
          const paid = paidTowards(plan, Number(plan.principal), openNow);
          const state = planState({ schedule: plan.schedule, graceDays: plan.grace_days }, paid, plan.today);
          await settlePlan(em, tenantId, plan, paid, state);
          if (state.verdict !== 'active') run[state.verdict] += 1;
        }
      }),
    { only: options.only },
  );
  return run;
}

/** The open rows of `table`, locked, each with what was allocated to its invoices since it was made. */
function measure<R>(em: EntityManager, table: string, columns: string, open: string, asOf: string | null) {
  return em.execute<Measured<R>[]>(
    `select ${columns}, ${allocatedSinceSql('t.invoice_ids', 't.created_at')} as allocated,
       to_char(coalesce(?::date, ${businessDateSql('t.administration_id')}), 'YYYY-MM-DD') as today
     from ${table} t where ${open} order by id for update of t skip locked`,
    [asOf],
  );
}

/** Every covered invoice's open amount now (0 once it is no longer open), in one read. */
async function openTotals(
  em: EntityManager,
  rows: { invoice_ids: string[] }[],
): Promise<Map<string, number>> {
  const ids = [...new Set(rows.flatMap((row) => row.invoice_ids))];
  const invoices = await readInvoiceRecords(em, ids);
  return new Map(invoices.map((i) => [i.id, i.status === 'open' ? i.openAmount.amount : 0]));
}

function paidTowards(
  row: Measured<{ invoice_ids: string[] }>,
  openAtStart: number,
  openNow: Map<string, number>,
): number {
  const open = row.invoice_ids.reduce((sum, id) => sum + (openNow.get(id) ?? 0), 0);
  return Math.max(Number(row.allocated), openAtStart - open);
}

async function settlePromise(
  em: EntityManager,
  tenantId: string,
  promise: Measured<PromiseRow>,
  paid: number,
  verdict: 'open' | 'kept' | 'broken',
): Promise<void> {
  const [row] = await em.execute<PromiseRow[]>(
    `update payment_promise set paid = ?, status = ?, closed_at = case when ? = 'open' then null else now() end,
       updated_at = now() where id = ? returning ${PROMISE_COLUMNS}`,
    [paid, verdict, verdict, promise.id],
  );
  if (verdict === 'open' || !row) return;
  await liftPauses(em, { kind: 'promise', sourceId: promise.id }, verdict === 'kept' ? 'ended' : 'broken');
  if (verdict === 'broken') {
    await createTask(em, tenantId, {
      administrationId: promise.administration_id,
      debtorId: promise.debtor_id,
      kind: 'promise_broken',
      title: `Promise to pay by ${promise.promised_on} broken: dunning resumes`,
      body: `Promised ${promise.amount} ${promise.currency} (minor units), paid ${paid}.`,
      dueOn: promise.today,
      sourceType: 'promise',
      sourceId: promise.id,
      idempotencyKey: `promise:${promise.id}:broken`,
    });
  }
  await recordEvent(em, tenantId, `promise.${verdict}`, { promise: promiseRecord(row) });
}

async function settlePlan(
  em: EntityManager,
  tenantId: string,
  plan: Measured<PlanRow>,
  paid: number,
  state: ReturnType<typeof planState>,
): Promise<void> {
  const [row] = await em.execute<PlanRow[]>(
    `update payment_plan set paid = ?, status = ?, closed_at = case when ? = 'active' then null else now() end,
       closed_on = case when ? = 'active' then null else ?::date end, updated_at = now()
     where id = ? returning ${PLAN_COLUMNS}`,
    [paid, state.verdict, state.verdict, state.verdict, plan.today, plan.id],
  );
  if (state.verdict === 'active' || !row) return;
  const defaulted = state.verdict === 'defaulted';
  await liftPauses(em, { kind: 'plan', sourceId: plan.id }, defaulted ? 'broken' : 'ended');
  if (defaulted) {
    const missed = state.missed;
    await createTask(em, tenantId, {
      administrationId: plan.administration_id,
      debtorId: plan.debtor_id,
      kind: 'plan_defaulted',
      title: `Payment plan defaulted: instalment ${missed?.seq} of ${missed?.dueOn} not paid; dunning resumes`,
      body: `Paid ${paid} of ${plan.total} ${plan.currency} (minor units).`,
      dueOn: plan.today,
      sourceType: 'plan',
      sourceId: plan.id,
      idempotencyKey: `plan:${plan.id}:defaulted`,
    });
  }
  await recordEvent(em, tenantId, `plan.${state.verdict}`, { plan: planRecord(row, state.instalments) });
}
