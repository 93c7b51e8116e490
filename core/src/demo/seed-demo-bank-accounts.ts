import { registerBankAccount } from '../bank-statements/index.ts';
import type { Orm } from '../db/orm.ts';
import { tenantEm } from '../db/tenant-scope.ts';
import { DEMO_ADMINISTRATIONS, DEMO_TENANT_ID } from './seed-demo.ts';

const [NL01, DE01] = DEMO_ADMINISTRATIONS;

/**
 * The demo's bank accounts, so that every statement in core/src/bank-statements/fixtures and in
 * ../shared/fixtures/camt053 imports without naming an administration (`pnpm kredo import FILE`):
 * valid IBANs of the banks' published examples, never real accounts. NL01's and DE01's own IBANs
 * (seed-demo-dunning.ts) are registered too, so the accounts hold before the dunning seed has run.
 */
export const DEMO_BANK_ACCOUNTS = [
  { account: 'NL91ABNA0417164300', administrationId: NL01.id, name: 'ABN AMRO (MT940)' },
  { account: 'NL20INGB0001234567', administrationId: NL01.id, name: 'ING (MT940, CAMT.053 v5)' },
  { account: 'NL44RABO0123456789', administrationId: NL01.id, name: 'Rabobank (MT940)' },
  { account: 'NL39RABO0300065264', administrationId: NL01.id, name: 'Rabobank (CAMT.053 v2)' },
  { account: 'NL26VAYB8060476890', administrationId: NL01.id, name: 'genkgo/camt test files' },
  { account: 'NL81ASNB0708271685', administrationId: NL01.id, name: 'ASN Bank (MT940)' },
  { account: '0001234567', administrationId: NL01.id, name: 'ING classic export (MT940)' },
  {
    account: 'PL61109010140000071219812874',
    administrationId: NL01.id,
    name: 'mBank (MT940)',
    currency: 'PLN',
  },
  { account: 'DE89370400440532013000', administrationId: DE01.id, name: 'Commerzbank (CAMT.053 v8)' },
] as const satisfies readonly {
  account: string;
  administrationId: string;
  name: string;
  currency?: string;
}[];

/** Registers the demo's bank accounts; registering again changes nothing, so every start may. */
export async function seedDemoBankAccounts(orm: Orm): Promise<void> {
  const em = tenantEm(orm, DEMO_TENANT_ID);
  await em.transactional(async (tx) => {
    for (const entry of DEMO_BANK_ACCOUNTS) {
      await registerBankAccount(tx as typeof em, DEMO_TENANT_ID, entry.account, {
        administrationId: entry.administrationId,
        currency: 'currency' in entry ? entry.currency : 'EUR',
        name: entry.name,
      });
    }
  });
}
