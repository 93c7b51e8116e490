import { describe, expect, it } from 'vitest';
import { createTestApi, type Json } from '../app/test-api.ts';
import { tenantEm } from '../db/tenant-scope.ts';
import { dunningApiRoutes } from './dunning-module.ts';
import { placePause } from './pauses.ts';
import { runDunning } from './run-dunning.ts';
import { defaultStrategy, seedPortfolio } from './test-dunning-ledger.ts';

const { db, newTenant } = await createTestApi({ routes: ({ orm }) => dunningApiRoutes({ orm }) });
const { api, tenantId, administrationId } = await newTenant('Copied chunks BV');
await defaultStrategy(api, administrationId);
const ids = await seedPortfolio(api, administrationId);
const em = () => tenantEm(db.orm, tenantId);

// A-2 is held: A's action covers only A-1, as the evaluator decided.
const invoices = await api('GET', `/api/v1/invoices?debtorId=${ids.a}&limit=10`);
const a2 = (invoices.body.data as Json[]).find((i) => i.number === 'A-2')?.id as string;
await em().transactional((tx) =>
  placePause(tx, tenantId, {
    administrationId,
    debtorId: ids.a,
    invoiceIds: [a2],
    kind: 'hold',
    startsOn: '2026-09-01',
    endsOn: null,
  }),
);

const run = (dryRun: boolean, chunkSize: number) =>
  runDunning(
    { orm: db.orm },
    { tenantId, administrationId, asOf: '2026-10-08', dryRun, trigger: 'cli', startedBy: null, chunkSize },
  );

describe("a run's chunks, written by COPY", () => {
  it('store each action as the evaluator decided it, and its party’s state with it', async () => {
    const { actions: decided } = await run(true, 100);
    await run(false, 4);
    const stored = await em().execute<
      {
        debtor_id: string;
        idempotency_key: string;
        total_open: string;
        invoices: unknown;
        credits: unknown;
        reason: Record<string, unknown>;
      }[]
    >(
      'select debtor_id, idempotency_key, total_open, invoices, credits, reason from dunning_action where administration_id = ?',
      [administrationId],
    );
    expect(stored).toHaveLength(decided.length);
    expect(decided.length).toBe(10);
    for (const action of decided) {
      const row = stored.find((r) => r.idempotency_key === action.idempotencyKey);
      expect(row, action.idempotencyKey).toBeDefined();
      expect(row?.debtor_id).toBe(action.debtorId);
      expect(Number(row?.total_open)).toBe(action.totalOpen);
      expect(row?.invoices).toEqual(action.invoices);
      expect(row?.credits).toEqual(action.credits);
      expect({ ...row?.reason, runId: null }).toEqual({ ...action.reason, runId: null });
    }
    const forA = stored.find((r) => r.debtor_id === ids.a);
    expect(((forA?.invoices ?? []) as { number: string }[]).map((i) => i.number)).toEqual(['A-1']);
    const state = await api('GET', `/api/v1/debtors/${ids.a}/dunning`);
    expect(state.body.episode).toMatchObject({ number: 1, lastStep: { index: 1 } });
    // Written from staging tables emptied at each commit: a rerun finds nothing left over to insert.
    const again = await run(false, 4);
    expect(again.run.summary?.actionsCreated).toEqual({});
  });
});
