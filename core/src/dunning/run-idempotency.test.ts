import { describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { tenantEm } from '../db/tenant-scope.ts';
import { dunningApiRoutes } from './dunning-module.ts';
import { runDunning } from './run-dunning.ts';
import { defaultStrategy, seedPortfolio } from './test-dunning-ledger.ts';

const { db, newTenant } = await createTestApi({ routes: ({ orm }) => dunningApiRoutes({ orm }) });
const { api, tenantId } = await newTenant('Idempotent runs BV');

/** A copy of the same portfolio and default strategy in a new administration of the tenant. */
async function copy(code: string) {
  const res = await api('POST', '/api/v1/administrations', {
    code,
    name: code,
    country: 'NL',
    paymentTermDays: 30,
  });
  const administrationId = res.body.id as string;
  await defaultStrategy(api, administrationId);
  await seedPortfolio(api, administrationId);
  return administrationId;
}

/** The actions of an administration, comparable across copies: invoices covered, episode, step, kind, amount. */
async function actions(administrationId: string): Promise<string[]> {
  const rows = await tenantEm(db.orm, tenantId).execute<
    {
      step_index: number;
      episode: number;
      kind: string;
      invoices: { number: string }[];
      total_open: string;
    }[]
  >(
    'select step_index, episode, kind, invoices, total_open from dunning_action where administration_id = ?',
    [administrationId],
  );
  return rows
    .map(
      (r) =>
        `${r.invoices.map((i) => i.number).join('+')} e${r.episode} s${r.step_index} ${r.kind} ${r.total_open}`,
    )
    .sort();
}

const run = (administrationId: string, asOf: string, more: object = {}) =>
  runDunning(
    { orm: db.orm },
    { tenantId, administrationId, asOf, dryRun: false, trigger: 'cli', startedBy: null, ...more },
  );

const clean = await copy('clean');
await run(clean, '2026-10-08');
await run(clean, '2026-11-01');
const expected = await actions(clean);

describe('runs that fail, repeat or overlap', () => {
  it('makes in a clean run one action per due party and step', () => {
    expect(expected.length).toBe(21);
  });

  it('leaves exactly the clean run’s actions after a run stopped after its first chunk and run again', async () => {
    const killed = await copy('killed');
    for (const asOf of ['2026-10-08', '2026-11-01']) {
      await expect(
        run(killed, asOf, {
          chunkSize: 3,
          afterChunk: (chunk: number) => {
            if (chunk === 1) throw new Error('killed after the first chunk');
          },
        }),
      ).rejects.toThrow('killed');
      const partial = await actions(killed);
      expect(partial.length).toBeGreaterThan(0);
      await run(killed, asOf, { chunkSize: 3 });
    }
    expect(await actions(killed)).toEqual(expected);
    const runs = await api('GET', `/api/v1/dunning/runs?administrationId=${killed}`);
    expect(runs.body.data.map((r: { status: string }) => r.status)).toEqual([
      'succeeded',
      'failed',
      'succeeded',
      'failed',
    ]);
  });

  it('leaves exactly the clean run’s actions after two runs at once', async () => {
    const twice = await copy('twice');
    for (const asOf of ['2026-10-08', '2026-11-01']) {
      const [first, second] = await Promise.all([
        run(twice, asOf, { chunkSize: 2 }),
        run(twice, asOf, { chunkSize: 5 }),
      ]);
      const created = (r: typeof first) =>
        Object.values(r.run.summary?.actionsCreated ?? {}).reduce((a, b) => a + b, 0);
      expect(created(first) === 0 || created(second) === 0).toBe(true);
    }
    expect(await actions(twice)).toEqual(expected);
  });

  it('creates nothing when the same day is run again', async () => {
    const again = await run(clean, '2026-11-01');
    expect(again.run.summary?.actionsCreated).toEqual({});
    expect(await actions(clean)).toEqual(expected);
  });
});
