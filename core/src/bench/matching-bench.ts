import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  importStatements,
  registerBankAccount,
  type StatementImportSummary,
} from '../bank-statements/index.ts';
import type { Orm } from '../db/orm.ts';
import { tenantEm, withTenantClient } from '../db/tenant-scope.ts';
import { type BenchRow, compared } from './bench-rows.ts';
import { createBenchTenant, timed } from './import-bench.ts';
import { JOIN_BASELINE, settleTables, writeLikeMatching } from './matching-baseline-sql.ts';
import { generateMatchingLedger } from './matching-ledger.ts';
import { BENCH_ACCOUNT, writeCamtStatement } from './statement-files.ts';
import { stepProgress } from './step-progress.ts';

export interface MatchingBenchOptions {
  orm: Orm;
  /** Credits in the statement, each paying one invoice by its structured reference. */
  entries: number;
  /** Open invoices they are matched against (at least `entries`). */
  invoices: number;
  /** Where the generated statement goes; the caller removes it. */
  workDir: string;
  log: (line: string) => void;
}

/**
 * Issue 12's matching rows: a generated CAMT.053 statement of N credits, each with the RF reference of
 * one of M open invoices, imported through Kredo's importer (read, store, match: `importStatements`
 * matches the entries it stored before it answers), in the same run as two baselines on the same
 * rows (matching-baseline-sql.ts): the issue's, one SQL statement joining the entries to the invoices
 * by reference (read only), and the floor under any matching that books what it finds, one SQL
 * statement joining them and writing the rows matching writes (rolled back). Three rows: the matching
 * alone (from the moment the last entry was stored to the import's answer) against each, and the
 * whole import against the join. Every credit must have been matched by its structured reference,
 * the join must find them all and the writing baseline write one row of each kind per credit.
 */
export async function benchMatching({
  orm,
  entries,
  invoices,
  workDir,
  log,
}: MatchingBenchOptions): Promise<BenchRow[]> {
  if (invoices < entries)
    throw new Error(`matching bench: ${invoices} invoices cannot pay ${entries} credits`);
  const pool = await orm.em.getConnection().getNativeClient();
  const { tenantId, administrationId } = await createBenchTenant(orm);
  await registerBankAccount(tenantEm(orm, tenantId), tenantId, BENCH_ACCOUNT, { administrationId });
  await generateMatchingLedger(orm, { tenantId, administrationId, invoices }, log);
  const camt = join(workDir, 'matching-statement.xml');
  log(`Writing a CAMT.053 statement of ${entries.toLocaleString('en')} credits …`);
  await writeCamtStatement(camt, entries);

  const imported = await timed(pool, () => importAndMatch(orm, tenantId, camt, entries, log));
  const { summary, storedAfter } = imported.result;
  if (summary.created !== entries || summary.rejected > 0) {
    throw new Error(`matching bench: the import stored ${summary.created} of ${entries} entries`);
  }
  const matched = await matchedByReference(orm, tenantId);
  if (matched !== entries) {
    throw new Error(`matching bench: ${matched} of ${entries} credits matched by structured reference`);
  }
  // The baselines read and write settled tables: what Kredo left dead is vacuumed, the new entries
  // analysed. Untimed; Kredo itself met the fresh entries as an import does.
  await settleTables(pool);
  log('One SQL join of the entries to the invoices by reference …');
  const joinTimed = await timed(pool, () =>
    withTenantClient(orm, tenantId, (client) =>
      client.query<{ n: number }>(JOIN_BASELINE, [administrationId]),
    ),
  );
  const joined = joinTimed.result.rows[0]?.n;
  if (joined !== entries) throw new Error(`matching bench: the join found ${joined} of ${entries} credits`);
  log('One SQL statement writing what matching writes (rolled back) …');
  const written = await timed(pool, () =>
    withTenantClient(orm, tenantId, (client) => writeLikeMatching(client, administrationId), {
      rollback: true,
    }),
  );
  const short = Object.entries(written.result).filter(([, n]) => n !== entries);
  if (short.length > 0) {
    throw new Error(
      `matching bench: the writing baseline wrote ${short.map(([table, n]) => `${n} ${table}`).join(', ')} for ${entries} credits`,
    );
  }
  const matching = imported.seconds - storedAfter;
  const counts = `${entries.toLocaleString('en')} credits against ${invoices.toLocaleString('en')} open invoices`;
  return [
    compared(`match ${counts} (all by structured reference)`, 's', matching, joinTimed.seconds, {
      atMost: 3,
      of: 'one SQL join',
    }),
    compared(`match ${counts}, against the same rows written in SQL`, 's', matching, written.seconds, {
      atMost: 2,
      of: 'one SQL statement writing them',
    }),
    compared(`import a CAMT.053 statement and match ${counts}`, 's', imported.seconds, joinTimed.seconds, {
      atMost: 3,
      of: 'one SQL join',
    }),
  ];
}

/**
 * The statement through `importStatements`, which reads and stores it, then matches what it stored:
 * the seconds from the start until the last entry was stored tell the matching apart.
 */
async function importAndMatch(
  orm: Orm,
  tenantId: string,
  path: string,
  entries: number,
  log: (line: string) => void,
): Promise<{ summary: StatementImportSummary; storedAfter: number }> {
  const start = performance.now();
  let storedAfter = 0;
  const progress = stepProgress('Importing and matching CAMT.053', entries, log);
  try {
    const summary = await importStatements(await readFile(path), {
      orm,
      tenantId,
      onProgress: (done) => {
        progress.update(Math.min(done, entries), done);
        // The first time every entry is stored: what follows is matching (should the import come to
        // report the matching's progress through the same callback, this still marks where it began).
        if (storedAfter === 0 && done >= entries) {
          storedAfter = (performance.now() - start) / 1000;
          log('Stored; matching …');
        }
      },
    });
    return { summary, storedAfter };
  } finally {
    progress.stop();
  }
}

async function matchedByReference(orm: Orm, tenantId: string): Promise<number> {
  const rows = await withTenantClient(orm, tenantId, (client) =>
    client.query<{ n: number }>(
      `select count(*)::int as n from bank_statement_entry e
       where e.match_status = 'matched'
         and exists (select 1 from statement_match m where m.entry_id = e.id and m.rule = 'structured_reference')`,
    ),
  );
  return rows.rows[0]?.n ?? 0;
}
