import type { PoolClient } from 'pg';
import { describe, expect, it } from 'vitest';
import { withTenantClient } from '../db/tenant-scope.ts';
import { createTestDatabase } from '../db/test-database.ts';
import { insertLedger } from '../db/test-ledger.ts';
import type { InvoiceImportRow } from '../imports/import-rows.ts';
import { newId } from '../shared/ids.ts';
import {
  FINGERPRINT_SQL,
  fingerprint,
  IMPORTED_COLUMNS,
  type InvoiceImportRun,
  mergeInvoices,
  newInvoiceImportRun,
  prepareInvoiceStaging,
} from './invoice-merge.ts';

const db = await createTestDatabase();
const defaults = { currency: 'EUR', paymentTermDays: 14 };

/** A tenant with one administration and debtors D1 and D2, in the tenant's transaction. */
async function withLedger(
  work: (client: PoolClient, ids: { administrationId: string; debtorId: string }) => Promise<void>,
) {
  const tenantId = newId('tenant');
  const administrationId = newId('administration');
  const debtorId = newId('debtor');
  await withTenantClient(db.orm, tenantId, async (client) => {
    const debtors = [
      { id: debtorId, number: 'D1' },
      { id: newId('debtor'), number: 'D2' },
    ];
    await insertLedger(client, { tenantId, administrationId }, { debtors });
    await prepareInvoiceStaging(client);
    await work(client, { administrationId, debtorId });
  });
}

describe('invoice merge', () => {
  it('computes in Node the same fingerprint PostgreSQL computes for the stored row, odd text included', async () => {
    const description = 'Zeile "eins"\\ – tab\there, newline\nthere, control \u0001, emoji 🚚, Ünïcödé';
    await withLedger(async (client, { administrationId, debtorId }) => {
      const record = {
        line: 2,
        number: 'F-1',
        documentType: 'invoice' as const,
        debtorNumber: 'D1',
        issueDate: '2026-02-01',
        dueDate: null,
        amount: 123456,
        openAmount: 23456,
        currency: null,
        poNumber: 'PO, "7"',
        description,
      };
      expect(await mergeInvoices(client, administrationId, defaults, [record])).toMatchObject({ created: 1 });

      const stored = await client.query(`select ${FINGERPRINT_SQL} as fp from invoice where number = 'F-1'`);
      const node = fingerprint({
        line: 2,
        number: 'F-1',
        documentType: 'invoice',
        debtorId,
        issueDate: '2026-02-01',
        dueDate: '2026-02-15',
        amount: 123456,
        openAmount: 23456,
        currency: 'EUR',
        poNumber: 'PO, "7"',
        paymentReference: null,
        description,
      });
      expect(node).toBe(stored.rows[0].fp);

      // A second run over an administration that is no longer empty compares by stored version: nothing to write.
      const again = await mergeInvoices(client, administrationId, defaults, [record], newInvoiceImportRun());
      expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
      const changed = await mergeInvoices(
        client,
        administrationId,
        defaults,
        [{ ...record, openAmount: 0 }],
        newInvoiceImportRun(),
      );
      expect(changed).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    });
  });

  it('updates a document when any one imported field changes, compared by fingerprint and by stored version', async () => {
    // One change per imported field, in the merge's order: a field added to the merge needs one here.
    const changes: Record<string, Partial<InvoiceImportRow>> = {
      debtor_id: { debtorNumber: 'D2' },
      issue_date: { issueDate: '2026-01-31' },
      due_date: { dueDate: '2026-03-01' },
      amount: { amount: 123457 },
      source_open_amount: { openAmount: 23457 },
      currency: { currency: 'USD' },
      po_number: { poNumber: 'PO-8' },
      payment_reference: { paymentReference: 'RF18539007547034' },
      description: { description: 'other' },
    };
    expect(Object.keys(changes)).toEqual(IMPORTED_COLUMNS);
    const original: InvoiceImportRow = {
      line: 2,
      number: 'F-1',
      documentType: 'invoice',
      debtorNumber: 'D1',
      issueDate: '2026-02-01',
      dueDate: '2026-02-15',
      amount: 123456,
      openAmount: 23456,
      currency: 'EUR',
      poNumber: 'PO-7',
      paymentReference: 'RF18539007547033',
      description: 'one',
    };
    await withLedger(async (client, { administrationId }) => {
      await mergeInvoices(client, administrationId, defaults, [original]);
      const runs: Record<string, () => Promise<InvoiceImportRun>> = {
        fingerprint: async () => {
          const { rows } = await client.query<{ key: string; fp: string }>(
            `select document_type || ':' || number as key, ${FINGERPRINT_SQL} as fp from invoice`,
          );
          return {
            writtenSinceAnalyze: 0,
            startedEmpty: false,
            fingerprints: new Map(rows.map((r) => [r.key, r.fp])),
          };
        },
        'stored version': async () => newInvoiceImportRun(),
      };
      for (const [column, change] of Object.entries(changes)) {
        for (const [comparedBy, run] of Object.entries(runs)) {
          const merge = async (record: InvoiceImportRow) =>
            (await mergeInvoices(client, administrationId, defaults, [record], await run())).updated;
          expect({ column, comparedBy, updated: await merge({ ...original, ...change }) }).toEqual({
            column,
            comparedBy,
            updated: 1,
          });
          expect({ column, comparedBy, restored: await merge(original) }).toEqual({
            column,
            comparedBy,
            restored: 1,
          });
          expect(await merge(original)).toBe(0);
        }
      }
    });
  });
});
