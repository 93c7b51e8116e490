import { createAdministration } from '../administrations/administration-service.ts';
import { type CopyValue, copyRows } from '../db/copy-rows.ts';
import type { Orm } from '../db/orm.ts';
import { tenantEm, withTenantClient } from '../db/tenant-scope.ts';
import { newId } from '../shared/ids.ts';
import { addDays } from '../shared/iso-date.ts';
import { COPY_COLUMNS } from './ledger-files.ts';
import { stepProgress } from './step-progress.ts';

/**
 * The insight bench's ledger: invoices of a tenth as many debtors issued over the year before the
 * bench's date, due 30 days later; those due more than 30 days before it are mostly paid (status
 * paid, one payment with its allocation each, dated around the due date), the rest open. Written with
 * COPY in chunks, progress on stderr.
 */

/** The business date the bench's figures are computed for. */
export const INSIGHT_AS_OF = '2026-12-01';
const CHUNK = 100_000;

export interface InsightLedger {
  tenantId: string;
  administrationId: string;
  invoices: number;
}

export async function generateInsightLedger(
  orm: Orm,
  tenantId: string,
  invoices: number,
  log: (line: string) => void,
): Promise<InsightLedger> {
  const administration = await createAdministration(tenantEm(orm, tenantId), tenantId, {
    code: 'INSIGHT',
    name: 'Bench insight',
    currency: 'EUR',
    timeZone: 'Europe/Amsterdam',
    country: 'NL',
    paymentTermDays: 30,
  });
  const administrationId = administration.id;
  const debtorIds = Array.from({ length: Math.max(Math.ceil(invoices / 10), 1) }, () => newId('debtor'));
  const progress = stepProgress(`Generating ${invoices.toLocaleString('en')} invoices`, invoices, log);
  await withTenantClient(orm, tenantId, async (client) => {
    // COPY does not write through row-level security: the bench's own (owner) connection writes.
    await client.query('set local role none');
    await copyRows(
      client,
      'debtor',
      ['id', 'tenant_id', 'administration_id', 'number', 'name', 'type'],
      debtorIds.map((id, i) => [id, tenantId, administrationId, `D${i}`, `Debtor ${i}`, 'b2b']),
    );
    // Invoices first, analysed, then their payments: the allocations' foreign-key checks then find
    // the invoices by index whatever the table's size.
    const paid: CopyValue[][] = [];
    for (let start = 0; start < invoices; start += CHUNK) {
      const end = Math.min(invoices, start + CHUNK);
      const chunk = ledgerChunk(tenantId, administrationId, debtorIds, start, end);
      await copyRows(client, 'invoice', [...INVOICE_COLUMNS], chunk.invoices);
      for (const row of chunk.paid) paid.push(row);
      progress.update(end / 2, end);
    }
    await client.query('analyze invoice');
    for (let start = 0; start < paid.length; start += CHUNK) {
      const rows = paid.slice(start, start + CHUNK);
      const paymentIds = rows.map(() => newId('payment'));
      await copyRows(
        client,
        'payment',
        PAYMENT_COLUMNS,
        rows.map((r, i) => [paymentIds[i], tenantId, administrationId, r[1], r[2], 'EUR', r[3]]),
      );
      await copyRows(
        client,
        'allocation',
        ['id', 'tenant_id', 'payment_id', 'invoice_id', 'amount'],
        rows.map((r, i) => [newId('allocation'), tenantId, paymentIds[i], r[0], r[2]]),
      );
      progress.update(invoices / 2 + ((start + rows.length) / paid.length) * (invoices / 2), invoices);
    }
  });
  progress.stop();
  const pool = await orm.em.getConnection().getNativeClient();
  // Vacuumed as well as analyzed, so autovacuum does not start in the middle of a timed side.
  for (const table of ['debtor', 'invoice', 'payment', 'allocation'])
    await pool.query(`vacuum analyze ${table}`);
  return { tenantId, administrationId, invoices };
}

/** The invoice columns the generated rows fill: those of the import's COPY but the three free texts. */
const INVOICE_COLUMNS = COPY_COLUMNS.slice(0, 12);
const PAYMENT_COLUMNS = [
  'id',
  'tenant_id',
  'administration_id',
  'debtor_id',
  'amount',
  'currency',
  'value_date',
];

/** Invoices `from` to `to` (exclusive), deterministic, and those paid: `[invoice, debtor, amount, value date]`. */
function ledgerChunk(
  tenantId: string,
  administrationId: string,
  debtorIds: string[],
  from: number,
  to: number,
) {
  const invoices: CopyValue[][] = [];
  const paid: CopyValue[][] = [];
  for (let k = from; k < to; k++) {
    const issued = addDays(INSIGHT_AS_OF, -1 - ((k * 7919) % 365));
    const due = addDays(issued, 30);
    const amount = 1_000 + ((k * 104_729) % 500_000);
    const debtorId = debtorIds[k % debtorIds.length] as string;
    // Four in five of the invoices due a month before the bench's date were paid, around their due date.
    const isPaid = due < addDays(INSIGHT_AS_OF, -30) && k % 5 !== 0;
    const id = newId('invoice');
    invoices.push([
      id,
      tenantId,
      administrationId,
      debtorId,
      `I${k}`,
      'invoice',
      issued,
      due,
      amount,
      isPaid ? 0 : amount,
      'EUR',
      isPaid ? 'paid' : 'open',
    ]);
    if (isPaid) paid.push([id, debtorId, amount, addDays(due, (k % 41) - 20)]);
  }
  return { invoices, paid };
}
