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
    for (let start = 0; start < invoices; start += CHUNK) {
      const chunk = ledgerChunk(
        tenantId,
        administrationId,
        debtorIds,
        start,
        Math.min(invoices, start + CHUNK),
      );
      await copyRows(client, 'invoice', [...INVOICE_COLUMNS], chunk.invoices);
      await copyRows(client, 'payment', PAYMENT_COLUMNS, chunk.payments);
      await copyRows(
        client,
        'allocation',
        ['id', 'tenant_id', 'payment_id', 'invoice_id', 'amount'],
        chunk.allocations,
      );
      progress.update(Math.min(invoices, start + CHUNK), Math.min(invoices, start + CHUNK));
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

/** Invoices `from` to `to` (exclusive), deterministic, with the payments of those that are paid. */
function ledgerChunk(
  tenantId: string,
  administrationId: string,
  debtorIds: string[],
  from: number,
  to: number,
) {
  const invoices: CopyValue[][] = [];
  const payments: CopyValue[][] = [];
  const allocations: CopyValue[][] = [];
  for (let k = from; k < to; k++) {
    const issued = addDays(INSIGHT_AS_OF, -1 - ((k * 7919) % 365));
    const due = addDays(issued, 30);
    const amount = 1_000 + ((k * 104_729) % 500_000);
    const debtorId = debtorIds[k % debtorIds.length] as string;
    // Four in five of the invoices due a month before the bench's date were paid, around their due date.
    const paid = due < addDays(INSIGHT_AS_OF, -30) && k % 5 !== 0;
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
      paid ? 0 : amount,
      'EUR',
      paid ? 'paid' : 'open',
    ]);
    if (paid) {
      const paymentId = newId('payment');
      payments.push([
        paymentId,
        tenantId,
        administrationId,
        debtorId,
        amount,
        'EUR',
        addDays(due, (k % 41) - 20),
      ]);
      allocations.push([newId('allocation'), tenantId, paymentId, id, amount]);
    }
  }
  return { invoices, payments, allocations };
}
