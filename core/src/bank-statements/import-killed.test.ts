import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createBenchTenant } from '../bench/import-bench.ts';
import { generateMatchingLedger } from '../bench/matching-ledger.ts';
import { BENCH_ACCOUNT, writeCamtStatement } from '../bench/statement-files.ts';
import { cliNodeArgs } from '../cli/test-cli.ts';
import { readAsTenant, tenantEm } from '../db/tenant-scope.ts';
import { createTestDatabase } from '../db/test-database.ts';
import { registerBankAccount } from './bank-accounts.ts';
import { importStatements } from './import-statements.ts';

/**
 * A real `kredo import` of a CAMT.053 statement killed with SIGKILL while it matches, then the same
 * file imported again. The statement was committed before matching began, so the kill leaves its
 * entries stored and some of them matched; each match is whole (payment, allocation, event, the
 * entry's status) or absent. Importing again stores nothing and matches the rest: every credit is
 * booked exactly once.
 */

const core = join(dirname(fileURLToPath(import.meta.url)), '../..');
/** Credits in the statement: three of matching's batches of 2,000, so a kill lands between them. */
const CREDITS = 6_000;

const db = await createTestDatabase();
const workDir = await mkdtemp(join(tmpdir(), 'kredo-import-killed-'));
afterAll(() => rm(workDir, { recursive: true, force: true }));

const { tenantId, administrationId } = await createBenchTenant(db.orm);
await registerBankAccount(tenantEm(db.orm, tenantId), tenantId, BENCH_ACCOUNT, { administrationId });
// Invoice n carries credit n's reference and amount; twice as many invoices as credits.
await generateMatchingLedger(db.orm, { tenantId, administrationId, invoices: 2 * CREDITS }, () => {});
const file = join(workDir, 'statement.xml');
await writeCamtStatement(file, CREDITS);

/** What matching has written so far, each count on its own so that a half-written match shows. */
const ledger = () =>
  readAsTenant(db.orm, tenantId, async (em) => {
    const [row] = await em.execute<Record<string, number>[]>(
      `select
         (select count(*)::int from bank_statement_entry) as entries,
         (select count(*)::int from bank_statement_entry where match_status = 'matched') as matched,
         (select count(*)::int from statement_match where undone_at is null) as matches,
         (select count(*)::int from payment) as payments,
         (select count(*)::int from allocation) as allocations,
         (select count(*)::int from outbox_event where name = 'payment.received') as events,
         (select count(*)::int from invoice where status = 'paid') as paid,
         (select count(distinct invoice_id)::int from allocation) as "invoicesPaid",
         (select coalesce(sum(amount), 0)::int from allocation) as allocated,
         (select coalesce(sum(e.amount), 0)::int from bank_statement_entry e where e.match_status = 'matched')
           as "matchedAmount"`,
    );
    return row as Record<string, number>;
  });

/** Every count a whole match writes one of, all equal to `matched`. */
function expectWholeMatches(counts: Record<string, number>, matched: number) {
  expect(counts).toMatchObject({
    matched,
    matches: matched,
    payments: matched,
    allocations: matched,
    events: matched,
    paid: matched,
    invoicesPaid: matched,
  });
  expect(counts.allocated).toBe(counts.matchedAmount);
}

describe('a kredo import killed while it matches, and imported again', () => {
  it('leaves whole matches only, and the second import books the rest once', async () => {
    const child = spawn(process.execPath, cliNodeArgs('import', '--tenant', tenantId, '--json', file), {
      cwd: core,
      env: { ...process.env, DATABASE_URL: db.url, KREDO_LOG_LEVEL: 'silent' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const exited = once(child, 'exit');
    // Killed as soon as the first of matching's batches is committed, well before the last.
    const deadline = Date.now() + 60_000;
    while ((await ledger()).matched === 0) {
      if (child.exitCode !== null) throw new Error(`the import ended before it was killed: ${stderr}`);
      if (Date.now() > deadline) throw new Error(`nothing matched within 60 s: ${stderr}`);
      await sleep(10);
    }
    child.kill('SIGKILL');
    await exited;
    expect(child.signalCode).toBe('SIGKILL');
    // Its connection gone, a commit it sent may still have landed: read once the lock is free.
    await tenantEm(db.orm, tenantId).execute(
      "select pg_advisory_lock(k), pg_advisory_unlock(k) from (select hashtextextended('kredo_bank_matching:' || ? || ':' || (select id from bank_statement), 0) as k) as lock",
      [tenantId],
    );

    const killed = await ledger();
    expect(killed.entries).toBe(CREDITS);
    expect(killed.matched).toBeGreaterThan(0);
    expect(killed.matched).toBeLessThan(CREDITS);
    expectWholeMatches(killed, killed.matched as number);

    // The same file again, as `kredo import` runs it: nothing new is stored, the rest is matched.
    const again = await importStatements(createReadStream(file), {
      orm: db.orm,
      tenantId,
      format: 'camt053',
    });
    expect(again).toMatchObject({ created: 0, unchanged: CREDITS, rejected: 0, matching: 'done' });
    expect(again.statements[0]).toMatchObject({
      outcome: 'known',
      matching: { matched: CREDITS, queued: 0, failed: 0, pending: 0 },
    });
    expectWholeMatches(await ledger(), CREDITS);

    // A third import has nothing left to do.
    const third = await importStatements(createReadStream(file), {
      orm: db.orm,
      tenantId,
      format: 'camt053',
    });
    expect(third.statements[0]?.matching).toMatchObject({ matched: CREDITS, pending: 0 });
    expectWholeMatches(await ledger(), CREDITS);
  }, 180_000);
});
