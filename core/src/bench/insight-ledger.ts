import type { PoolClient } from 'pg';
import { createAdministration } from '../administrations/administration-service.ts';
import type { Orm } from '../db/orm.ts';
import { tenantEm, withTenantClient } from '../db/tenant-scope.ts';
import { newId } from '../shared/ids.ts';
import {
  allocationsSql,
  debtorsSql,
  disputesSql,
  invoicesSql,
  paymentsSql,
  promisesSql,
} from './insight-ledger-sql.ts';
import { stepProgress } from './step-progress.ts';

export { INSIGHT_AS_OF } from './insight-ledger-sql.ts';

/**
 * The insight bench's ledger (insight-ledger-sql.ts has each row's rule): invoices of a tenth as many
 * debtors issued over the year before the bench's date, due 30 days later; those due more than a
 * month before it mostly paid (one payment with its allocation each), the rest open; promises to pay
 * (open, kept, broken), disputes (open, resolved) and credit limits for some debtors.
 */

const CHUNK = 100_000;

export interface InsightLedger {
  tenantId: string;
  administrationId: string;
  invoices: number;
}

/**
 * Writes the ledger inside PostgreSQL, as the database's owner (row-level security is the API's wall,
 * not the bench's): debtors → analyze → invoices in chunks → analyze → payments → analyze →
 * allocations → promises and disputes → vacuum analyze. Each table is analyzed before the next one's
 * foreign keys are checked against it: without statistics PostgreSQL checks a key by scanning a
 * wrong index (measured: 21 ms per invoice against 100,000 debtors, hours for a million invoices).
 */
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
  const debtors = Math.max(Math.ceil(invoices / 10), 1);
  // One real id's time part for every generated id: ids sort as a bulk import's would.
  const timePart = newId('invoice').slice(4, 14);
  const params = [tenantId, administrationId];
  const progress = stepProgress(`Generating ${invoices.toLocaleString('en')} invoices`, 3 * invoices, log);
  await withTenantClient(orm, tenantId, async (client) => {
    await client.query('set local role none');
    await client.query(debtorsSql(debtors, timePart), params);
    await client.query('analyze debtor');
    await inChunks(
      invoices,
      (from, to) => client.query(invoicesSql(from, to, debtors, timePart), params),
      (done) => progress.update(done, done),
    );
    await client.query('analyze invoice');
    await inChunks(
      invoices,
      (from, to) => client.query(paymentsSql(from, to, debtors, timePart), params),
      (done) => progress.update(invoices + done, invoices),
    );
    await client.query('analyze payment');
    await inChunks(
      invoices,
      (from, to) => client.query(allocationsSql(from, to, debtors, timePart), [tenantId]),
      (done) => progress.update(2 * invoices + done, invoices),
    );
    await arrangements(client, timePart, params);
  });
  progress.stop();
  const pool = await orm.em.getConnection().getNativeClient();
  // Vacuumed as well as analyzed, so autovacuum does not start in the middle of a timed side.
  for (const table of ['debtor', 'invoice', 'payment', 'allocation', 'payment_promise', 'dispute'])
    await pool.query(`vacuum analyze ${table}`);
  return { tenantId, administrationId, invoices };
}

async function arrangements(client: PoolClient, timePart: string, params: string[]): Promise<void> {
  await client.query(promisesSql(timePart), params);
  await client.query(disputesSql(timePart), params);
}

async function inChunks(
  total: number,
  write: (from: number, to: number) => Promise<unknown>,
  done: (count: number) => void,
): Promise<void> {
  for (let from = 0; from < total; from += CHUNK) {
    const to = Math.min(total, from + CHUNK);
    await write(from, to);
    done(to);
  }
}
