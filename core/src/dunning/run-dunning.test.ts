import { describe, expect, it } from 'vitest';
import { createTestApi, type Json } from '../app/test-api.ts';
import { dunningApiRoutes } from './dunning-module.ts';
import { runDunning } from './run-dunning.ts';
import {
  createDebtor,
  createInvoice,
  defaultStrategy,
  STANDARD,
  seedPortfolio,
} from './test-dunning-ledger.ts';

const { db, newTenant } = await createTestApi({ routes: ({ orm }) => dunningApiRoutes({ orm }) });
const { api, tenantId, administrationId } = await newTenant('Dunning runs BV');
const strategyId = await defaultStrategy(api, administrationId);
const ids = await seedPortfolio(api, administrationId);

const run = async (asOf: string, more: object = {}) => {
  const res = await api('POST', '/api/v1/dunning/runs', { administrationId, asOf, ...more });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { run: Json; actions: Json[] };
};
const actionsOf = async (debtorId: string) => {
  const res = await api('GET', `/api/v1/dunning/actions?debtorId=${debtorId}&limit=100`);
  expect(res.status).toBe(200);
  return res.body.data as Json[];
};

describe('a dunning run', () => {
  it('answers a dry run with the decisions and writes nothing but the run row', async () => {
    const { run: dry, actions } = await run('2026-10-08', { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, status: 'succeeded', trigger: 'api' });
    // A, the group at P and D1…D8; B is not due yet, N not overdue.
    expect(dry.summary.actionsCreated).toEqual({ email: 10 });
    expect(actions.map((a) => a.summary)).toContain(
      "First reminder (e-mail) under strategy Standard v1, step 1, for 2 invoices overdue 7 and 3 days, € 150.00; no segment matched: the administration's default strategy",
    );
    expect(await actionsOf(ids.a)).toEqual([]);
    expect((await api('GET', `/api/v1/debtors/${ids.a}/dunning`)).body.episode).toBeNull();
  });

  it('groups due invoices per debtor, and a group dunned at its parent into one action', async () => {
    const { run: first } = await run('2026-10-08');
    expect(first.summary).toMatchObject({ actionsCreated: { email: 10 }, episodesStarted: 10 });
    const [forA] = await actionsOf(ids.a);
    expect(forA).toMatchObject({
      kind: 'email',
      stepIndex: 1,
      status: 'pending',
      idempotencyKey: `dun:${ids.a}:e1:${strategyId}:s1`,
      totalOpen: { amount: 150_00, currency: 'EUR' },
      runId: first.id,
    });
    const forGroup = (await actionsOf(ids.p))[0] as Json;
    expect(forGroup.invoices.map((i: Json) => [i.number, i.daysOverdue])).toEqual([
      ['C1-1', 10],
      ['P-1', 7],
      ['C2-1', 5],
    ]);
    expect(await actionsOf(ids.c1)).toEqual([]);
    const state = await api('GET', `/api/v1/debtors/${ids.c1}/dunning`);
    expect(state.body).toMatchObject({
      dunnedAs: ids.p,
      episode: {
        number: 1,
        lastStep: { index: 1, name: 'First reminder' },
        nextStep: { index: 2, dueOn: '2026-10-15' },
      },
    });
  });

  it('creates nothing when run again the same day', async () => {
    const { run: again } = await run('2026-10-08');
    expect(again.summary.actionsCreated).toEqual({});
    expect(again.summary.skipped.taken_today).toBe(10);
  });

  it('after days without runs takes only the next step of each party, once', async () => {
    // No run from 9 to 31 October: step 2 (15 Oct) and step 3 (31 Oct for A) were both due; B's first step too.
    const { run: late } = await run('2026-11-01');
    expect(late.summary.actionsCreated).toEqual({ email: 11 });
    expect((await actionsOf(ids.a)).map((a) => a.stepIndex)).toEqual([2, 1]);
    const { run: next } = await run('2026-11-02');
    expect((await actionsOf(ids.a)).map((a) => a.stepIndex)).toEqual([3, 2, 1]);
    expect(next.summary.actionsCreated.phone_call).toBeGreaterThan(0);
  });

  it('moves debtors to a new strategy version at their next step; actions keep theirs', async () => {
    const v2 = {
      ...STANDARD,
      steps: [
        ...STANDARD.steps,
        {
          name: 'Final notice',
          action: 'letter',
          offsetDays: 5,
          from: 'previous_step',
          templates: STANDARD.steps[0]?.templates,
        },
      ],
    };
    const put = await api('PUT', `/api/v1/dunning/strategies/${strategyId}`, { definition: v2 });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.versions.map((v: Json) => v.version)).toEqual([2, 1]);
    await run('2026-11-07');
    const [final, call] = await actionsOf(ids.a);
    expect(final).toMatchObject({ stepIndex: 4, kind: 'letter', strategyVersion: 2 });
    expect(call).toMatchObject({ stepIndex: 3, strategyVersion: 1 });
  });

  it('closes the episode once nothing is overdue and starts episode 2 at step 1 for the next invoice', async () => {
    for (const number of ['A-1', 'A-2']) {
      const invoices = await api('GET', `/api/v1/invoices?debtorId=${ids.a}&limit=10`);
      const invoice = (invoices.body.data as Json[]).find((i) => i.number === number);
      expect((await api('PATCH', `/api/v1/invoices/${invoice?.id}`, { openAmount: 0 })).status).toBe(200);
    }
    const { run: closing } = await run('2026-11-08');
    expect(closing.summary.episodesClosed).toBe(1);
    expect((await api('GET', `/api/v1/debtors/${ids.a}/dunning`)).body.episode.closedOn).toBe('2026-11-08');
    await createInvoice(api, administrationId, ids.a, 'A-3', '2026-11-10', 25_00);
    await run('2026-11-17');
    const latest = (await actionsOf(ids.a))[0] as Json;
    expect(latest).toMatchObject({
      episode: 2,
      stepIndex: 1,
      idempotencyKey: `dun:${ids.a}:e2:${strategyId}:s1`,
    });
    expect(latest.invoices.map((i: Json) => i.number)).toEqual(['A-3']);
  });

  it('lists credit notes on the action and lowers the amount asked', async () => {
    const e = await createDebtor(api, administrationId, 'E');
    await createInvoice(api, administrationId, e, 'E-1', '2026-11-01', 70_00);
    await createInvoice(api, administrationId, e, 'E-CN', '2026-10-01', -20_00, 'credit_note');
    await run('2026-11-18');
    const forE = (await actionsOf(e))[0] as Json;
    expect(forE.credits).toEqual([
      expect.objectContaining({ kind: 'credit_note', reference: 'E-CN', amount: -20_00 }),
    ]);
    expect(forE.totalOpen.amount).toBe(70_00 - 20_00);
  });

  it('records the run and its summary for GET /runs', async () => {
    const list = await api('GET', `/api/v1/dunning/runs?administrationId=${administrationId}&limit=2`);
    expect(list.body.data).toHaveLength(2);
    expect(list.body.nextCursor).toEqual(expect.any(String));
    const one = await api('GET', `/api/v1/dunning/runs/${list.body.data[0].id}`);
    expect(one.body).toMatchObject({ status: 'succeeded', asOf: '2026-11-18' });
    expect((await api('GET', '/api/v1/dunning/runs/drn_00000000000000000000000000')).status).toBe(404);
  });

  it('runs as the tenant only: another tenant sees none of it', async () => {
    const other = await newTenant('Other BV');
    const list = await other.api('GET', '/api/v1/dunning/actions');
    expect(list.body.data).toEqual([]);
    await expect(
      runDunning(
        { orm: db.orm },
        { tenantId: other.tenantId, administrationId, dryRun: true, trigger: 'cli', startedBy: null },
      ),
    ).rejects.toThrow(/does not exist/);
    expect(tenantId).not.toBe(other.tenantId);
  });
});
