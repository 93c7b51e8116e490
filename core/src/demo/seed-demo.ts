import type { Orm } from '../db/orm.ts';
import { withTenantClient } from '../db/tenant-scope.ts';
import { mergeDebtors, prepareDebtorStaging } from '../debtors/debtor-merge.ts';
import type { DebtorImportRow, InvoiceImportRow } from '../imports/import-rows.ts';
import { mergeInvoices, prepareInvoiceStaging } from '../invoices/invoice-merge.ts';
import { generateDebtors, generateInvoiceHistory } from './generate-ledger.ts';

/** Fixed, so the demo's API client, its people and its ledger agree on the tenant without a lookup. */
export const DEMO_TENANT_ID = 'ten_00000000000000000000000dem';

/** The demo tenant's administrations: what the demo ledger is generated from (seeds fix it). */
export const DEMO_ADMINISTRATIONS = [
  {
    id: 'adm_00000000000000000000000dm1',
    code: 'NL01',
    name: 'Kredo Demo Groothandel B.V.',
    country: 'NL',
    debtors: 300,
    invoices: 3000,
    seed: 1,
  },
  {
    id: 'adm_00000000000000000000000dm2',
    code: 'DE01',
    name: 'Kredo Demo Handel GmbH',
    country: 'DE',
    debtors: 120,
    invoices: 1200,
    seed: 2,
  },
] as const;

/**
 * Seeds the demo tenant on an empty database: two administrations, a few hundred debtors (some
 * grouped under parents) and a few thousand invoices in every state, through the importer's merge.
 * Returns false when the demo tenant already exists.
 */
export async function seedDemo(
  orm: Orm,
  options: { onProgress?: (message: string) => void } = {},
): Promise<boolean> {
  return withTenantClient(orm, DEMO_TENANT_ID, async (client) => {
    const exists = await client.query('select 1 from tenant where id = $1', [DEMO_TENANT_ID]);
    if (exists.rowCount) return false;
    options.onProgress?.('Seeding the demo tenant …');
    await client.query('insert into tenant (id, name) values ($1, $2)', [DEMO_TENANT_ID, 'Kredo Demo']);
    await prepareDebtorStaging(client);
    await prepareInvoiceStaging(client);
    for (const a of DEMO_ADMINISTRATIONS) {
      await client.query(
        `insert into administration (id, tenant_id, code, name, currency, time_zone, country, payment_term_days)
         values ($1, $2, $3, $4, 'EUR', 'Europe/Amsterdam', $5, 30)`,
        [a.id, DEMO_TENANT_ID, a.code, a.name, a.country],
      );
      const debtors: DebtorImportRow[] = [...generateDebtors({ seed: a.seed, debtorCount: a.debtors })];
      await mergeDebtors(client, a.id, debtors);
      // Invoices paid since are imported as they were before the money came (open in full), so the
      // history's payments (seed-demo-history.ts) close them as a bank statement would.
      const invoices: InvoiceImportRow[] = [
        ...generateInvoiceHistory({ seed: a.seed, debtorCount: a.debtors, count: a.invoices }),
      ].map(({ invoice, paidOn }) => (paidOn ? { ...invoice, openAmount: invoice.amount } : invoice));
      await mergeInvoices(client, a.id, { currency: 'EUR', paymentTermDays: 30 }, invoices);
      options.onProgress?.(`  ${a.name}: ${debtors.length} debtors, ${invoices.length} invoices`);
    }
    return true;
  });
}
