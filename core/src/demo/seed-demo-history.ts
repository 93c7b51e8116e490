import type { EntityManager } from '@mikro-orm/postgresql';
import { businessDateOf } from '../administrations/index.ts';
import type { Orm } from '../db/orm.ts';
import { readAsTenant, tenantEm } from '../db/tenant-scope.ts';
import { openDispute } from '../disputes/index.ts';
import { takeSnapshot } from '../insight/index.ts';
import { createPayment } from '../payments/index.ts';
import { makePromise, monitorArrangements } from '../promises/index.ts';
import { refreshRisk } from '../risk/index.ts';
import { addDays } from '../shared/iso-date.ts';
import { DEMO_ERP_CLIENT_ID } from './demo-erp-client.ts';
import { type OpenInvoice, pickStory, type Transfer } from './demo-story.ts';
import { generateInvoiceHistory } from './generate-ledger.ts';
import { planLedger } from './ledger-plan.ts';
import { DEMO_ADMINISTRATIONS, DEMO_TENANT_ID } from './seed-demo.ts';

/** Payments recorded by the demo carry this prefix in their external id: how a later start knows. */
export const DEMO_PAYMENT_PREFIX = 'DEMO-';
/**
 * Days of insight snapshots the demo takes (rebuilt from the ledger, as a late worker would): a
 * week's series. Each takes one to three seconds on the demo ledger, so not more.
 */
export const DEMO_SNAPSHOT_DAYS = 7;

type Administration = (typeof DEMO_ADMINISTRATIONS)[number];

/**
 * The demo ledger's payment history, recorded as a tenant's ERP or bank would, so that KPIs (DSO,
 * CEI), payment-behaviour scores and the forecast have something to say on the first start. The
 * invoices the generator paid in full were imported open (seed-demo.ts); per administration, in one
 * transaction:
 * 1. (NL01) a promise made by a slow payer some days before it paid: kept;
 * 2. every such invoice paid through the payment service on the day the generator paid it, one
 *    transfer per debtor and day;
 * 3. (NL01) a poor payer's promise for a date three weeks ago that nothing paid: broken;
 * 4. (NL01) a dispute opened ten days ago about an open invoice.
 * Then, for the tenant: the promises judged, risk refreshed and the last DEMO_SNAPSHOT_DAYS days'
 * insight snapshots taken. An administration whose history is there already is left as it is.
 */
export async function seedDemoHistory(
  orm: Orm,
  options: { onProgress?: (message: string) => void } = {},
): Promise<boolean> {
  // The administrations side by side, each in a transaction of its own, so that their round trips
  // to the database overlap.
  const recorded = await Promise.all(
    DEMO_ADMINISTRATIONS.map(async (administration) => {
      const em = tenantEm(orm, DEMO_TENANT_ID);
      if (await hasHistory(em, administration.id)) return false;
      options.onProgress?.(`  ${administration.name}: recording a year of payments …`);
      const payments = await em.transactional((tx) => recordHistory(tx, administration));
      options.onProgress?.(`  ${administration.name}: ${payments} payments recorded`);
      return true;
    }),
  );
  if (!recorded.includes(true)) return false;
  await monitorArrangements(orm, { only: DEMO_TENANT_ID });
  await Promise.all(
    DEMO_ADMINISTRATIONS.map(async (administration) => {
      await tenantEm(orm, DEMO_TENANT_ID).transactional((em) =>
        refreshRisk(em, DEMO_TENANT_ID, administration.id),
      );
      await takeSnapshots(orm, administration.id);
    }),
  );
  return true;
}

async function hasHistory(em: EntityManager, administrationId: string): Promise<boolean> {
  const rows = await em.execute(
    'select 1 from payment where administration_id = ? and external_id like ? limit 1',
    [administrationId, `${DEMO_PAYMENT_PREFIX}%`],
  );
  return rows.length > 0;
}

async function recordHistory(em: EntityManager, administration: Administration): Promise<number> {
  const today = await businessDateOf(em, administration.id);
  const open = await readOpenInvoices(em, administration.id);
  const transfers = plannedTransfers(administration, open);
  const plan = planLedger(administration.seed, administration.debtors);
  const story = administration.code === 'NL01' ? pickStory(plan, open, transfers, today) : undefined;
  if (story) await makePromise(em, DEMO_TENANT_ID, DEMO_ERP_CLIENT_ID, ...story.kept);
  for (const transfer of transfers) {
    await recordTransfer(em, administration.id, transfer);
    // Each payment is written and done with: the identity map need not keep thousands of them.
    em.clear();
  }
  if (story) {
    await makePromise(em, DEMO_TENANT_ID, DEMO_ERP_CLIENT_ID, ...story.broken);
    await openDispute(em, DEMO_TENANT_ID, DEMO_ERP_CLIENT_ID, ...story.dispute);
  }
  return transfers.length;
}

async function readOpenInvoices(em: EntityManager, administrationId: string): Promise<OpenInvoice[]> {
  const rows = await em.execute<
    {
      id: string;
      number: string;
      debtor_id: string;
      debtor_number: string;
      due_date: string;
      amount: string;
      open_amount: string;
    }[]
  >(
    `select i.id, i.number, i.debtor_id, d.number as debtor_number, i.due_date::text as due_date,
            i.amount, i.open_amount
       from invoice i join debtor d on d.id = i.debtor_id
      where i.administration_id = ? and i.status = 'open' and i.document_type = 'invoice'`,
    [administrationId],
  );
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    debtorId: r.debtor_id,
    debtorNumber: r.debtor_number,
    dueDate: r.due_date,
    amount: Number(r.amount),
    openAmount: Number(r.open_amount),
  }));
}

/**
 * The generator's paid invoices that are still open in full, grouped per debtor and day (a debtor
 * settles what falls due together in one transfer), oldest first.
 */
function plannedTransfers(administration: Administration, open: OpenInvoice[]): Transfer[] {
  const byNumber = new Map(open.map((invoice) => [invoice.number, invoice]));
  const transfers = new Map<string, Transfer>();
  const history = generateInvoiceHistory({
    seed: administration.seed,
    debtorCount: administration.debtors,
    count: administration.invoices,
  });
  for (const { invoice, paidOn } of history) {
    const found = byNumber.get(invoice.number);
    if (!paidOn || !found || found.openAmount !== found.amount) continue;
    const key = `${invoice.debtorNumber}/${paidOn}`;
    const transfer = transfers.get(key) ?? { debtorNumber: invoice.debtorNumber, paidOn, invoices: [] };
    transfer.invoices.push(found);
    transfers.set(key, transfer);
  }
  return [...transfers.values()].sort((a, b) => a.paidOn.localeCompare(b.paidOn));
}

async function recordTransfer(em: EntityManager, administrationId: string, transfer: Transfer) {
  const [first] = transfer.invoices;
  if (!first) return;
  await createPayment(em, DEMO_TENANT_ID, {
    administrationId,
    debtorId: first.debtorId,
    externalId: `${DEMO_PAYMENT_PREFIX}${transfer.debtorNumber}-${transfer.paidOn}`,
    amount: transfer.invoices.reduce((sum, invoice) => sum + invoice.amount, 0),
    valueDate: transfer.paidOn,
    method: 'sepa_credit_transfer',
    reference: transfer.invoices.map((invoice) => invoice.number).join(' '),
    allocations: transfer.invoices.map((invoice) => ({ invoiceId: invoice.id, amount: invoice.amount })),
  });
}

/** The last days' snapshots, oldest first, each in its own transaction (as the job takes them). */
async function takeSnapshots(orm: Orm, administrationId: string): Promise<void> {
  const today = await readAsTenant(orm, DEMO_TENANT_ID, (em) => businessDateOf(em, administrationId));
  for (let back = DEMO_SNAPSHOT_DAYS; back >= 1; back--) {
    await tenantEm(orm, DEMO_TENANT_ID).transactional((em) =>
      takeSnapshot(em, DEMO_TENANT_ID, administrationId, addDays(today, -back), true),
    );
  }
}
