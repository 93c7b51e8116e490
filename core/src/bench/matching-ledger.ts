import { type CopyValue, copyRows } from '../db/copy-rows.ts';
import type { Orm } from '../db/orm.ts';
import { withTenantClient } from '../db/tenant-scope.ts';
import { entryOf } from './statement-files.ts';
import { stepProgress } from './step-progress.ts';

const CHUNK = 100_000;

/**
 * The matching bench's ledger: `invoices` open invoices, ten a debtor, the n-th carrying the RF
 * reference and the amount of the statement's n-th credit (statement-files.ts), so the credits pay
 * invoices 1 … N exactly and the rest stay open around them. Written with COPY in chunks of 100,000 as
 * the database's owner (COPY does not pass row-level security), then vacuumed and analysed, progress on
 * stderr. (The first version's `insert … select` under the application role was not what made that
 * bench slow: 100,000 invoices took 10 s on the loaded 2-core machine, the debtor foreign key
 * checked row by row. What took more than ten minutes per 100,000 credits was the matching, a
 * transaction of about 10 ms per credit.)
 */
export async function generateMatchingLedger(
  orm: Orm,
  context: { tenantId: string; administrationId: string; invoices: number },
  log: (line: string) => void,
): Promise<void> {
  const { tenantId, administrationId, invoices } = context;
  const debtorId = (n: number) => `dbt_bench${String(Math.floor((n - 1) / 10)).padStart(21, '0')}`;
  const progress = stepProgress(`Generating ${invoices.toLocaleString('en')} open invoices`, invoices, log);
  await withTenantClient(orm, tenantId, async (client) => {
    await client.query('set local role none');
    const debtors: CopyValue[][] = [];
    for (let n = 1; n <= invoices; n += 10) {
      debtors.push([
        debtorId(n),
        tenantId,
        administrationId,
        `BENCH-${(n - 1) / 10}`,
        `Bench debtor ${n}`,
        'b2b',
      ]);
    }
    await copyRows(
      client,
      'debtor',
      ['id', 'tenant_id', 'administration_id', 'number', 'name', 'type'],
      debtors,
    );
    // The invoices' foreign-key checks look the debtors up: by index once the planner knows they are many.
    await client.query('analyze debtor');
    for (let start = 1; start <= invoices; start += CHUNK) {
      const end = Math.min(invoices, start + CHUNK - 1);
      const rows: CopyValue[][] = [];
      for (let n = start; n <= end; n++) {
        const { cents, reference } = entryOf(n);
        rows.push([
          `inv_bench${String(n).padStart(21, '0')}`,
          tenantId,
          administrationId,
          debtorId(n),
          `B-${n}`,
          'invoice',
          '2026-11-01',
          '2026-12-01',
          cents,
          cents,
          cents,
          'EUR',
          'open',
          reference,
        ]);
      }
      await copyRows(client, 'invoice', [...INVOICE_COLUMNS], rows);
      progress.update(end, end);
    }
  });
  progress.stop();
  const pool = await orm.em.getConnection().getNativeClient();
  // Vacuumed as well as analysed, so autovacuum does not start in the middle of a timed side.
  for (const table of ['debtor', 'invoice']) await pool.query(`vacuum analyze ${table}`);
}

const INVOICE_COLUMNS = [
  'id',
  'tenant_id',
  'administration_id',
  'debtor_id',
  'number',
  'document_type',
  'issue_date',
  'due_date',
  'amount',
  'open_amount',
  'source_open_amount',
  'currency',
  'status',
  'payment_reference',
] as const;
