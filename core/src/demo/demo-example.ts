import type { Orm } from '../db/orm.ts';
import { readAsTenant } from '../db/tenant-scope.ts';
import { findDebtorByNumber } from '../debtors/debtor-service.ts';
import { readOpenInvoiceRecords } from '../invoices/invoice-records.ts';
import { generateDebtors } from './generate-ledger.ts';
import { DEMO_ADMINISTRATIONS, DEMO_TENANT_ID } from './seed-demo.ts';

/** A demo debtor to try the reference plugins on: a company Creditsafe's fake knows, with money open. */
export interface DemoExample {
  debtorId: string;
  name: string;
  /** Where the portal's sign-in link goes; null when the debtor has no e-mail address. */
  email: string | null;
  openInvoices: number;
  /** Minor units. */
  openAmount: number;
  currency: string;
}

/** Enough open invoices for a newcomer in the demo shop to dispute one, promise another and pay a third. */
const INVOICES_TO_TRY = 3;

/**
 * The first business debtor of the Dutch demo administration that has a registration number (so the
 * demo's Creditsafe fake knows it, see demo-companies.ts) and open invoices adding up to more than
 * nothing in one currency (so a pay link can be made for them), preferring one with at least
 * INVOICES_TO_TRY of them. Undefined when none has.
 */
export async function findDemoExample(orm: Orm): Promise<DemoExample | undefined> {
  const [administration] = DEMO_ADMINISTRATIONS;
  const companies = [
    ...generateDebtors({ seed: administration.seed, debtorCount: administration.debtors }),
  ].filter((debtor) => debtor.type === 'b2b' && debtor.cocNumber);
  return readAsTenant(orm, DEMO_TENANT_ID, async (em) => {
    let fallback: DemoExample | undefined;
    for (const company of companies) {
      const debtor = await findDebtorByNumber(em, administration.id, company.number);
      if (!debtor) continue;
      const open = await readOpenInvoiceRecords(em, debtor.id);
      const currencies = new Set(open.map((invoice) => invoice.openAmount.currency));
      const openAmount = open.reduce((sum, invoice) => sum + invoice.openAmount.amount, 0);
      if (currencies.size !== 1 || openAmount <= 0) continue;
      const example = {
        debtorId: debtor.id,
        name: debtor.name,
        email: debtor.email ?? null,
        openInvoices: open.length,
        openAmount,
        currency: [...currencies][0] as string,
      };
      if (open.length >= INVOICES_TO_TRY) return example;
      fallback ??= example;
    }
    return fallback;
  });
}
