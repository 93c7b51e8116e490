import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Caller, createTestApi } from '../app/test-api.ts';
import { cliNodeArgs } from '../cli/test-cli.ts';
import { tenantEm } from '../db/tenant-scope.ts';
import { dunningApiRoutes } from './dunning-module.ts';
import { runDunning } from './run-dunning.ts';
import { createDebtor, createInvoice, defaultStrategy, seedPortfolio } from './test-dunning-ledger.ts';

/**
 * A real `kredo dunning run` process killed with SIGKILL in the middle of its chunks, then run again:
 * the actions and states must be exactly those of one clean run of the same ledger in another database.
 * Nothing in the engine is told about the kill: the chunk open at that moment dies with the connection.
 */

const core = join(dirname(fileURLToPath(import.meta.url)), '../..');
const DATES = ['2026-10-08', '2026-11-01'];
/** Debtors beyond the shared portfolio, one overdue invoice each, so one-party chunks make a long run. */
const MORE = 40;

async function ledger(name: string) {
  const test = await createTestApi({ routes: ({ orm }) => dunningApiRoutes({ orm }) });
  const { api, tenantId, administrationId } = await test.newTenant(name);
  await defaultStrategy(api, administrationId);
  await seedPortfolio(api, administrationId);
  await seedMore(api, administrationId);
  return { ...test, api, tenantId, administrationId };
}

/** Debtors E01…E40, each with one invoice due in September (on different days). */
async function seedMore(api: Caller, administrationId: string) {
  for (let i = 1; i <= MORE; i++) {
    const number = `E${String(i).padStart(2, '0')}`;
    const debtor = await createDebtor(api, administrationId, number);
    const day = String(1 + (i % 28)).padStart(2, '0');
    await createInvoice(api, administrationId, debtor, `${number}-1`, `2026-09-${day}`, 1_00 * i + 7);
  }
}

type Ledger = Awaited<ReturnType<typeof ledger>>;

/**
 * Every id in `text` replaced by what names it in both databases (debtor and invoice numbers, the
 * strategy's name), so two databases' rows compare; run and action ids are left out of the rows
 * (the reason's `runId` too).
 */
async function namer({ db, tenantId }: Ledger) {
  const em = tenantEm(db.orm, tenantId);
  const rows = await em.execute<{ id: string; name: string }[]>(
    `select id, number as name from debtor union all select id, number from invoice
     union all select id, name from dunning_strategy`,
  );
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return (text: string) => {
    const named = text.replace(/\b(dbt|inv|dst)_[A-Za-z0-9]+/g, (id) => names.get(id) ?? `unknown ${id}`);
    // A run's id inside an action would tell the runs apart; none is expected there.
    expect(named).not.toMatch(/\b(drn|dac)_/);
    return named;
  };
}

/** The administration's actions — idempotency key, kind, invoices, totals, reason… — named, sorted. */
async function actions(ledger: Ledger): Promise<string[]> {
  const name = await namer(ledger);
  const rows = await tenantEm(ledger.db.orm, ledger.tenantId).execute<{ row: object }[]>(
    `select to_jsonb(a) - 'id' - 'run_id' - 'tenant_id' - 'administration_id' - 'created_at' - 'updated_at'
       || jsonb_build_object('reason', a.reason - 'runId') as row
     from dunning_action a where administration_id = ?`,
    [ledger.administrationId],
  );
  return rows.map((r) => name(JSON.stringify(r.row))).sort();
}

/** The administration's dunning_state rows, named, sorted. */
async function states(ledger: Ledger): Promise<string[]> {
  const name = await namer(ledger);
  const rows = await tenantEm(ledger.db.orm, ledger.tenantId).execute<{ row: object }[]>(
    `select to_jsonb(s) - 'tenant_id' - 'administration_id' - 'updated_at' as row
     from dunning_state s where administration_id = ?`,
    [ledger.administrationId],
  );
  return rows.map((r) => name(JSON.stringify(r.row))).sort();
}

/** The administration's actions (of one run if given). */
const countActions = async ({ db, tenantId, administrationId }: Ledger, runId: string | null = null) => {
  const [row] = await tenantEm(db.orm, tenantId).execute<{ n: number }[]>(
    'select count(*)::int as n from dunning_action where administration_id = ? and (?::text is null or run_id = ?)',
    [administrationId, runId, runId],
  );
  return row?.n ?? 0;
};

/** `kredo dunning run` as of `asOf`, one party per chunk (one transaction each). */
function kredoRun({ db, tenantId }: Ledger, asOf: string): ChildProcess {
  return spawn(
    process.execPath,
    cliNodeArgs(
      ...'dunning run --administration main --chunk-size 1'.split(' '),
      '--tenant',
      tenantId,
      '--as-of',
      asOf,
    ),
    { cwd: core, env: { ...process.env, DATABASE_URL: db.url, KREDO_LOG_LEVEL: 'silent' } },
  );
}

/** Runs to the end; answers the exit code and what it printed. */
async function runToEnd(child: ChildProcess) {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const [code] = await once(child, 'exit');
  return { code: code as number | null, stdout, stderr };
}

/**
 * Starts a run and SIGKILLs it as soon as five chunks' actions are visible (committed), polling
 * from here. Answers how many actions were committed when it died: counted once its connection is
 * gone (a commit it had sent may still land after the process died), which is when the run's advisory
 * lock is free.
 */
async function killMidway(ledger: Ledger, asOf: string, before: number): Promise<number> {
  const child = kredoRun(ledger, asOf);
  const exited = runToEnd(child);
  const deadline = Date.now() + 20_000;
  // Several chunks in: the run is well under way, still far from its end.
  while ((await countActions(ledger)) < before + 5) {
    if (child.exitCode !== null) throw new Error(`the run ended before it was killed: ${await exited}`);
    if (Date.now() > deadline) throw new Error('no chunk committed within 20 s');
    await sleep(2);
  }
  child.kill('SIGKILL');
  const { code, stderr } = await exited;
  expect(child.signalCode, stderr).toBe('SIGKILL');
  expect(code).toBeNull();
  await tenantEm(ledger.db.orm, ledger.tenantId).execute(
    'select pg_advisory_lock(k), pg_advisory_unlock(k) from (select hashtextextended(?, 0) as k) as lock',
    [`kredo_dunning:${ledger.tenantId}:${ledger.administrationId}`],
  );
  return countActions(ledger);
}

const killed = await ledger('Killed runs BV');
const clean = await ledger('Clean runs BV');
/** A run in this process, in chunks of `chunkSize` parties (the engine's default if not given). */
const run = (ledger: Ledger, asOf: string, chunkSize?: number) =>
  runDunning(
    { orm: ledger.db.orm },
    {
      tenantId: ledger.tenantId,
      administrationId: ledger.administrationId,
      asOf,
      dryRun: false,
      trigger: 'cli',
      startedBy: null,
      chunkSize,
    },
  );

/** How many actions the clean run created each day. */
const cleanCreated: number[] = [];
for (const asOf of DATES) {
  const { run: done } = await run(clean, asOf);
  cleanCreated.push(Object.values(done.summary?.actionsCreated ?? {}).reduce((a, b) => a + b, 0));
}
const expectedActions = await actions(clean);
const expectedStates = await states(clean);

describe('a dunning run killed with SIGKILL and run again', () => {
  it('makes in the clean run an action per due party and step across the two days', () => {
    // The portfolio's 10 and 11 (run-idempotency.test.ts), and each of the more debtors reminded twice.
    expect(cleanCreated).toEqual([10 + MORE, 11 + MORE]);
    // Every party but N (nothing overdue) has a state.
    expect(expectedStates).toHaveLength(11 + MORE);
  });

  it('leaves exactly the clean run’s actions and states, and the killed run as running', async () => {
    const runs = () => killed.api('GET', `/api/v1/dunning/runs?administrationId=${killed.administrationId}`);
    for (const [day, asOf] of DATES.entries()) {
      const before = await countActions(killed);
      const expectedThatDay = cleanCreated[day] as number;
      const committed = await killMidway(killed, asOf, before);
      // Killed after at least one chunk and before the last.
      expect(committed - before).toBeGreaterThan(0);
      expect(committed - before).toBeLessThan(expectedThatDay);

      const [dead] = (await runs()).body.data;
      expect(dead).toMatchObject({ asOf, status: 'running', summary: null, finishedAt: null });
      // What it committed carries its id.
      expect(await countActions(killed, dead.id)).toBe(committed - before);

      // Run again (in this process: a second CLI start would cost seconds and test nothing more).
      const { run: rerun } = await run(killed, asOf, 5);
      const created = Object.values(rerun.summary?.actionsCreated ?? {});
      // The rerun creates exactly what the killed run had not committed, and finds the rest taken today.
      expect(created.reduce((a, b) => a + b, 0)).toBe(before + expectedThatDay - committed);
      expect(rerun.summary?.skipped.taken_today).toBe(committed - before);

      // The rerun, holding the lock the dead run lost, marks it failed as interrupted.
      const listed = (await runs()).body.data as { id: string; status: string; error?: { code?: string } }[];
      expect(listed.slice(0, 2).map((r) => [r.id, r.status, r.error?.code ?? null])).toEqual([
        [rerun.id, 'succeeded', null],
        [dead.id, 'failed', 'interrupted'],
      ]);
      const statuses = listed;
      expect(statuses).toHaveLength(2 * (day + 1));
    }
    expect(await actions(killed)).toEqual(expectedActions);
    expect(await states(killed)).toEqual(expectedStates);
  }, 60_000);
});
