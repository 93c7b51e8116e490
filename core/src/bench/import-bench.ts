import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import { createAdministration } from '../administrations/administration-service.ts';
import type { Orm } from '../db/orm.ts';
import { tenantEm } from '../db/tenant-scope.ts';
import { type ImportFormat, type ImportSummary, importFile } from '../imports/import-file.ts';
import { createTenant } from '../tenants/tenant-service.ts';
import type { BenchServer } from './bench-database.ts';
import { type BenchRow, compared, measured } from './bench-rows.ts';
import { COPY_TABLE, copyFile, createCopyTable } from './copy-baseline.ts';
import { benchLedger, writeCopyFile, writeLedgerCsvs } from './ledger-files.ts';
import { stepProgress } from './step-progress.ts';

export interface ImportBenchOptions {
  server: BenchServer;
  rows: number;
  /** Where the generated files go; the caller removes it. */
  workDir: string;
  log: (line: string) => void;
}

const CURRENCY = 'EUR';
const PAYMENT_TERM_DAYS = 30;

/**
 * Import of a generated invoice file through Kredo's importer against COPY of the same rows into a
 * copy of the `invoice` table, then a second import of the unchanged file. Files are generated and
 * debtors imported before the clock starts; each timed step starts after a checkpoint, so none
 * inherits the dirty pages of the one before.
 */
export async function benchImport({ server, rows, workDir, log }: ImportBenchOptions): Promise<BenchRow[]> {
  const ledger = benchLedger(rows);
  const orm = await server.createDatabase('kredo_import', 4);
  try {
    const pool = await orm.em.getConnection().getNativeClient();
    const { tenantId, administrationId } = await createBenchTenant(orm);
    const files = await writeLedgerCsvs(workDir, ledger, log);
    const run = (path: string, format: ImportFormat, label = `Importing ${format}`) =>
      importWithProgress(orm, tenantId, administrationId, path, format, label, log);

    const debtors = await timed(pool, () => run(files.debtors, 'debtors'));
    expectCounts('debtor import', debtors.result, { created: ledger.debtorCount });
    const copyPath = join(workDir, 'invoices.copy');
    const debtorIds = await debtorIdsByNumber(pool, administrationId);
    const context = {
      tenantId,
      administrationId,
      currency: CURRENCY,
      paymentTermDays: PAYMENT_TERM_DAYS,
      debtorIds,
    };
    await writeCopyFile(copyPath, ledger, context, log);
    await createCopyTable(pool);

    log(`COPY of ${rows.toLocaleString('en')} rows …`);
    const copy = await timed(pool, () => copyFile(pool, copyPath));
    if (copy.result !== rows) throw new Error(`COPY took ${copy.result} rows, expected ${rows}`);
    const first = await timed(pool, () => run(files.invoices, 'invoices'));
    expectCounts('first invoice import', first.result, { created: rows });
    const second = await timed(pool, () => run(files.invoices, 'invoices', 'Re-importing invoices'));
    expectCounts('second invoice import', second.result, { unchanged: rows });
    await expectSameContent(pool);

    return [
      measured(
        `import ${ledger.debtorCount.toLocaleString('en')} debtors`,
        'rows/s',
        ledger.debtorCount / debtors.seconds,
      ),
      compared(
        `import ${rows.toLocaleString('en')} invoices`,
        'rows/s',
        rows / first.seconds,
        rows / copy.seconds,
        {
          atLeast: 0.8,
          of: 'COPY',
        },
      ),
      compared('re-import the unchanged file', 's', second.seconds, first.seconds, {
        atMost: 0.5,
        of: 'first import',
      }),
    ];
  } finally {
    await orm.close(true);
  }
}

export async function createBenchTenant(orm: Orm) {
  const { id: tenantId } = await createTenant(orm, 'Kredo Bench');
  const administration = await createAdministration(tenantEm(orm, tenantId), tenantId, {
    code: 'BENCH',
    name: 'Kredo Bench B.V.',
    currency: CURRENCY,
    timeZone: 'Europe/Amsterdam',
    country: 'NL',
    paymentTermDays: PAYMENT_TERM_DAYS,
  });
  return { tenantId, administrationId: administration.id };
}

/** The file through importFile as `kredo import` streams it, with a bar by bytes read. */
async function importWithProgress(
  orm: Orm,
  tenantId: string,
  administrationId: string,
  path: string,
  format: ImportFormat,
  label: string,
  log: (line: string) => void,
): Promise<ImportSummary> {
  const progress = stepProgress(label, (await stat(path)).size, log);
  let bytes = 0;
  // Counted as the importer pulls each chunk: a 'data' listener would set the stream flowing and
  // drop whatever arrives before the importer starts reading.
  async function* counted(): AsyncGenerator<Buffer> {
    for await (const chunk of createReadStream(path)) {
      bytes += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
  }
  try {
    return await importFile(counted(), {
      orm,
      tenantId,
      administrationId,
      format,
      onProgress: (rowsRead) => progress.update(bytes, rowsRead),
    });
  } finally {
    progress.stop();
  }
}

/** Runs `work` from a clean checkpoint and measures its wall-clock time. */
export async function timed<T>(pool: Pool, work: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  await pool.query('checkpoint');
  const start = performance.now();
  const result = await work();
  return { result, seconds: (performance.now() - start) / 1000 };
}

/** A run that rejected or skipped rows measured something else: stop rather than print its rate. */
function expectCounts(
  step: string,
  summary: ImportSummary,
  expected: Partial<Record<'created' | 'unchanged', number>>,
) {
  const wrong = Object.entries(expected).some(
    ([key, value]) => summary[key as 'created' | 'unchanged'] !== value,
  );
  if (wrong || summary.rejected > 0) {
    const { created, updated, unchanged, rejected } = summary;
    const firstError = summary.errors[0]
      ? `; first error: line ${summary.errors[0].line}: ${summary.errors[0].message}`
      : '';
    throw new Error(
      `${step}: expected ${JSON.stringify(expected)}, got ${JSON.stringify({ created, updated, unchanged, rejected })}${firstError}`,
    );
  }
}

async function debtorIdsByNumber(pool: Pool, administrationId: string): Promise<Map<string, string>> {
  const { rows } = await pool.query<{ number: string; id: string }>(
    'select number, id from debtor where administration_id = $1',
    [administrationId],
  );
  return new Map(rows.map((row) => [row.number, row.id]));
}

/** Both sides must hold the same documents, or the comparison is not of the same work. */
async function expectSameContent(pool: Pool) {
  // An order-independent fingerprint: cheap on a million rows, where an ordered string_agg is not.
  const digest = `select count(*)::bigint as n, sum(hashtext(concat_ws('|', number, document_type, debtor_id, issue_date,
    due_date, amount, open_amount, currency, status, po_number, payment_reference, description)))::text as h`;
  const [imported, copied] = await Promise.all([
    pool.query(`${digest} from public.invoice`),
    pool.query(`${digest} from ${COPY_TABLE}`),
  ]);
  const [a, b] = [imported.rows[0], copied.rows[0]];
  if (a?.n !== b?.n || a?.h !== b?.h) {
    throw new Error(`the importer and COPY stored different rows (${a?.n} vs ${b?.n} rows)`);
  }
}
