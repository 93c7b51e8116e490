import type { Orm } from '../db/orm.ts';
import { tenantEm, withTenantClient } from '../db/tenant-scope.ts';
import { mergeDebtors, prepareDebtorStaging } from '../debtors/debtor-merge.ts';
import { findDebtorByNumber } from '../debtors/debtor-service.ts';
import type { DebtorImportRow, InvoiceImportRow } from '../imports/import-rows.ts';
import { mergeInvoices, prepareInvoiceStaging } from '../invoices/invoice-merge.ts';
import { DEMO_ADMINISTRATIONS, DEMO_TENANT_ID } from './seed-demo.ts';

const [NL01, DE01] = DEMO_ADMINISTRATIONS;

type Invoice = [number: string, debtor: string, amount: number, paymentReference?: string];

/**
 * Debtors and invoices that the statement files pay, so a newcomer importing them sees invoices
 * close: core/src/bank-statements/fixtures (CAMT.053 v2, v5, v8; MT940 of ABN AMRO, ING, Rabobank),
 * ../shared/fixtures/camt053 (genkgo's files) and docs/examples/demo-statement.sta. Each invoice is
 * named by the entry that pays it: a structured reference (RF, betalingskenmerk, the creditor's own) or
 * its number in the remittance text. Numbers 2026-9xxxxx stay clear of the generated ledger's.
 */
const PAID_BY_STATEMENTS: { administrationId: string; debtors: [string, string][]; invoices: Invoice[] }[] = [
  {
    administrationId: NL01.id,
    debtors: [
      ['BANK-01', 'Bakkerij De Gouden Korenaar B.V.'],
      ['BANK-02', 'Trio Bouw B.V.'],
      ['BANK-03', 'Jansen Installatietechniek'],
      ['BANK-04', 'Harbour Trading Ltd'],
      ['BANK-05', 'Van der Berg Logistiek B.V.'],
      ['BANK-06', 'Studio Bunq'],
    ],
    invoices: [
      // CAMT.053 v2 (Rabobank): an RF, numbers in the text (two in one), a reversal that reopens 900202.
      ['2026-900201', 'BANK-01', 121_000, 'RF64NL01INV20260003'],
      ['2026-900202', 'BANK-02', 60_500],
      ['2026-900203', 'BANK-03', 20_000],
      ['2026-900204', 'BANK-03', 23_500],
      ['2026-900205', 'BANK-04', 62_001],
      // Paid by a pending entry: it stays open until the bank books it.
      ['2026-900206', 'BANK-06', 7_500],
      // CAMT.053 v5 (ING) pays 968.00 of this kenmerk's invoice, the ING MT940 the other 484.00.
      ['2026-900210', 'BANK-03', 145_200, '3000020269001040'],
      ['2026-900207', 'BANK-05', 39_500],
      // MT940: ABN AMRO (a kenmerk, a number), ING (a number), Rabobank (an RF, two numbers, one number).
      ['2026-900220', 'BANK-05', 242_000, '0100020269001050'],
      ['2026-900104', 'BANK-05', 15_000],
      ['2026-900101', 'BANK-01', 121_000],
      ['2026-900230', 'BANK-02', 60_500, 'RF3120260001'],
      ['2026-900102', 'BANK-01', 121_000],
      ['2026-900106', 'BANK-01', 60_500],
      ['2026-900105', 'BANK-06', 9_999],
      // genkgo's CAMT.053 files: the creditor's own 16-digit reference.
      ['2026-900240', 'BANK-06', 885, '4654654654654654'],
      // docs/examples/demo-statement.sta.
      ['2026-900250', 'BANK-05', 35_000],
      ['2026-900251', 'BANK-03', 18_150, '3000020269002510'],
    ],
  },
  {
    administrationId: DE01.id,
    debtors: [['BANK-DE1', 'Müller Maschinenbau GmbH']],
    // CAMT.053 v8 (Commerzbank): an RF and a number.
    invoices: [
      ['2026-900301', 'BANK-DE1', 119_000, 'RF3120260001'],
      ['2026-900302', 'BANK-DE1', 23_840],
    ],
  },
];

/** Seeds them once (a later start leaves what imports paid as it is); answers whether it did. */
export async function seedDemoBankInvoices(orm: Orm): Promise<boolean> {
  if (await findDebtorByNumber(tenantEm(orm, DEMO_TENANT_ID), NL01.id, 'BANK-01')) return false;
  return withTenantClient(orm, DEMO_TENANT_ID, async (client) => {
    await prepareDebtorStaging(client);
    await prepareInvoiceStaging(client);
    for (const { administrationId, debtors, invoices } of PAID_BY_STATEMENTS) {
      await mergeDebtors(client, administrationId, debtors.map(debtorRow));
      await mergeInvoices(
        client,
        administrationId,
        { currency: 'EUR', paymentTermDays: 30 },
        invoices.map(invoiceRow),
      );
    }
    return true;
  });
}

const debtorRow = ([number, name]: [string, string], i: number): DebtorImportRow => ({
  line: i + 1,
  number,
  name,
  type: 'b2b',
  addresses: [],
  contacts: [],
  tags: ['bank-statement-demo'],
});

const invoiceRow = (
  [number, debtorNumber, amount, paymentReference]: Invoice,
  i: number,
): InvoiceImportRow => ({
  line: i + 1,
  number,
  documentType: 'invoice',
  debtorNumber,
  issueDate: '2026-11-16',
  dueDate: '2026-12-16',
  amount,
  openAmount: amount,
  currency: null,
  ...(paymentReference ? { paymentReference } : {}),
});
