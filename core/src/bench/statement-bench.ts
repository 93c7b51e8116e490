import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Pool } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  importStatements,
  registerBankAccount,
  type StatementImportSummary,
} from '../bank-statements/index.ts';
import type { Orm } from '../db/orm.ts';
import { tenantEm } from '../db/tenant-scope.ts';
import { type BenchRow, compared } from './bench-rows.ts';
import { createBenchTenant, timed } from './import-bench.ts';
import {
  BENCH_ACCOUNT,
  ENTRY_COPY_COLUMNS,
  writeCamtStatement,
  writeEntryCopyFile,
} from './statement-files.ts';
import { stepProgress } from './step-progress.ts';

export interface StatementBenchOptions {
  orm: Orm;
  /** Credits in the generated statement. */
  entries: number;
  /** Where the generated files go; the caller removes it. */
  workDir: string;
  log: (line: string) => void;
}

const COPY_TABLE = 'bench.bank_statement_entry_copy';

/**
 * Import of one generated CAMT.053 statement of N credits through Kredo's importer (read the XML,
 * key every entry, store it under row-level security) against COPY of the same entries into a copy
 * of `bank_statement_entry`, then a second import of the same file, which must store nothing.
 */
export async function benchStatements({
  orm,
  entries,
  workDir,
  log,
}: StatementBenchOptions): Promise<BenchRow[]> {
  const pool = await orm.em.getConnection().getNativeClient();
  const { tenantId, administrationId } = await createBenchTenant(orm);
  await registerBankAccount(tenantEm(orm, tenantId), tenantId, BENCH_ACCOUNT, { administrationId });
  const camt = join(workDir, 'statement.xml');
  const copyPath = join(workDir, 'statement-entries.copy');
  log(`Writing a CAMT.053 statement of ${entries.toLocaleString('en')} entries …`);
  await writeCamtStatement(camt, entries);
  await writeEntryCopyFile(copyPath, entries, { tenantId, administrationId, statementId: 'bst_bench' });
  await pool.query('create schema if not exists bench');
  await pool.query(`create table ${COPY_TABLE} (like public.bank_statement_entry including all)`);

  log(`COPY of ${entries.toLocaleString('en')} entries …`);
  const copy = await timed(pool, () => copyEntries(pool, copyPath));
  const run = (label: string) => importWithProgress(orm, tenantId, camt, entries, label, log);
  const first = await timed(pool, () => run('Importing CAMT.053'));
  expectCounts('first statement import', first.result, { created: entries, unchanged: 0 });
  const second = await timed(pool, () => run('Re-importing CAMT.053'));
  expectCounts('second statement import', second.result, { created: 0, unchanged: entries });
  await expectSameEntries(pool);
  const megabytes = (await stat(camt)).size / 2 ** 20;
  return [
    compared(
      `import a CAMT.053 statement of ${entries.toLocaleString('en')} entries (${megabytes.toFixed(0)} MB)`,
      'entries/s',
      entries / first.seconds,
      entries / copy.seconds,
    ),
    compared('re-import the unchanged statement', 's', second.seconds, first.seconds, {
      atMost: 1,
      of: 'first import',
    }),
  ];
}

async function copyEntries(pool: Pool, path: string): Promise<number> {
  const client = await pool.connect();
  try {
    const copy = client.query(copyFrom(`copy ${COPY_TABLE} (${ENTRY_COPY_COLUMNS.join(', ')}) from stdin`));
    await pipeline(createReadStream(path), copy);
    return copy.rowCount;
  } finally {
    client.release();
  }
}

async function importWithProgress(
  orm: Orm,
  tenantId: string,
  path: string,
  entries: number,
  label: string,
  log: (line: string) => void,
): Promise<StatementImportSummary> {
  const progress = stepProgress(label, entries, log);
  try {
    return await importStatements(await readFile(path), {
      orm,
      tenantId,
      onProgress: (done) => progress.update(done, done),
    });
  } finally {
    progress.stop();
  }
}

function expectCounts(
  step: string,
  summary: StatementImportSummary,
  expected: { created: number; unchanged: number },
) {
  if (
    summary.created !== expected.created ||
    summary.unchanged !== expected.unchanged ||
    summary.rejected > 0
  ) {
    const { created, unchanged, rejected } = summary;
    const firstError = summary.errors[0] ? `; first error: ${summary.errors[0].message}` : '';
    throw new Error(
      `${step}: expected ${JSON.stringify(expected)}, got ${JSON.stringify({ created, unchanged, rejected })}${firstError}`,
    );
  }
}

/** Both sides must hold the same entries, or the comparison is not of the same work. */
async function expectSameEntries(pool: Pool) {
  const digest = `select count(*)::bigint as n, sum(hashtext(concat_ws('|', entry_key, position, line, booking_date,
    value_date, amount, amount_text, credit_debit, status, bank_transaction_code, end_to_end_id, counterparty_name,
    counterparty_iban, creditor_reference, creditor_reference_type)))::text as h`;
  const [imported, copied] = await Promise.all([
    pool.query(`${digest} from public.bank_statement_entry`),
    pool.query(`${digest} from ${COPY_TABLE}`),
  ]);
  const [a, b] = [imported.rows[0], copied.rows[0]];
  if (a?.n !== b?.n || a?.h !== b?.h) {
    throw new Error(`the importer and COPY stored different entries (${a?.n} vs ${b?.n} rows)`);
  }
}
