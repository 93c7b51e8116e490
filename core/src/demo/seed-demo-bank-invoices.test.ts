import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importStatements } from '../bank-statements/index.ts';
import { readAsTenant } from '../db/tenant-scope.ts';
import { createTestDatabase } from '../db/test-database.ts';
import { DEMO_TENANT_ID, seedDemo } from './seed-demo.ts';
import { seedDemoBankAccounts } from './seed-demo-bank-accounts.ts';
import { seedDemoBankInvoices } from './seed-demo-bank-invoices.ts';

// What the "done when" asks of a newcomer after `npm start`: import each statement file and
// see the demo invoices it pays close, and what matches nothing wait in the reconciliation queue.
const db = await createTestDatabase();
await seedDemo(db.orm);
await seedDemoBankAccounts(db.orm);
expect(await seedDemoBankInvoices(db.orm)).toBe(true);
expect(await seedDemoBankInvoices(db.orm)).toBe(false);

const fixtures = new URL('../bank-statements/fixtures/', import.meta.url).pathname;
const repository = resolve(fixtures, '../../../..');
const sharedCamt = resolve(repository, '../shared/fixtures/camt053');

async function importFile(path: string) {
  const summary = await importStatements(readFileSync(path), { orm: db.orm, tenantId: DEMO_TENANT_ID });
  expect(summary.errors).toEqual([]);
}

/** Each invoice's status and open amount by number, in the demo tenant. */
const invoices = (numbers: string[]) =>
  readAsTenant(db.orm, DEMO_TENANT_ID, async (em) => {
    const rows = await em.execute<{ number: string; status: string; open_amount: string }[]>(
      'select number, status, open_amount from invoice where number in (?) order by number',
      [numbers],
    );
    return Object.fromEntries(rows.map((r) => [r.number, [r.status, Number(r.open_amount)]]));
  });

const queued = () =>
  readAsTenant(db.orm, DEMO_TENANT_ID, async (em) => {
    const rows = await em.execute<{ remittance_text: string | null; amount: string }[]>(
      "select remittance_text, amount from bank_statement_entry where match_status = 'queued' and credit_debit = 'credit' order by id",
    );
    return rows.map((r) => [r.remittance_text, Number(r.amount)]);
  });

describe('the demo invoices the statement files pay', () => {
  it('CAMT.053 v2, v5 and v8: references and numbers close invoices, a reversal reopens one', async () => {
    await importFile(resolve(fixtures, 'camt053-v2-rabobank.xml'));
    await importFile(resolve(fixtures, 'camt053-v5-ing.xml'));
    await importFile(resolve(fixtures, 'camt053-v8-commerzbank.xml'));
    expect(
      await invoices([
        '2026-900201',
        '2026-900202',
        '2026-900203',
        '2026-900204',
        '2026-900205',
        '2026-900206',
        '2026-900207',
        '2026-900210',
        '2026-900301',
        '2026-900302',
      ]),
    ).toEqual({
      '2026-900201': ['paid', 0],
      // Paid, then the bank reversed the credit: open again.
      '2026-900202': ['open', 60_500],
      '2026-900203': ['paid', 0],
      '2026-900204': ['paid', 0],
      '2026-900205': ['paid', 0],
      // Its credit is pending at the bank.
      '2026-900206': ['open', 7_500],
      '2026-900207': ['paid', 0],
      '2026-900210': ['open', 48_400],
      '2026-900301': ['paid', 0],
      '2026-900302': ['paid', 0],
    });
  });

  it('the MT940 files and the demo statement, with one entry left for the queue', async () => {
    await importFile(resolve(fixtures, 'mt940-abnamro.sta'));
    await importFile(resolve(fixtures, 'mt940-ing.sta'));
    await importFile(resolve(fixtures, 'mt940-rabobank.swi'));
    await importFile(resolve(repository, 'docs/examples/demo-statement.sta'));
    const numbers = [
      '2026-900101',
      '2026-900102',
      '2026-900104',
      '2026-900105',
      '2026-900106',
      '2026-900210',
    ];
    numbers.push('2026-900220', '2026-900230', '2026-900250', '2026-900251');
    const states = await invoices(numbers);
    for (const number of numbers) expect(states[number], number).toEqual(['paid', 0]);
    expect(await queued()).toContainEqual(['Bedankt voor de goede service', 9_900]);
  });

  it.skipIf(!existsSync(sharedCamt))(
    "genkgo's CAMT.053 files pay the invoice of their reference",
    async () => {
      await importFile(resolve(sharedCamt, 'camt053.v2.minimal.xml'));
      expect(await invoices(['2026-900240'])).toEqual({ '2026-900240': ['paid', 0] });
    },
  );
});
