import { describe, expect, it } from 'vitest';
import { withTenantClient } from '../db/tenant-scope.ts';
import { createTestDatabase } from '../db/test-database.ts';
import { newId } from '../shared/ids.ts';
import { fingerprint, mergeInvoices, newInvoiceImportRun, prepareInvoiceStaging } from './invoice-merge.ts';

const db = await createTestDatabase();

describe('invoice merge', () => {
  it('computes in Node the same fingerprint PostgreSQL computes for the stored row, odd text included', async () => {
    const tenantId = newId('tenant');
    const administrationId = newId('administration');
    const debtorId = newId('debtor');
    const description = 'Zeile "eins"\\ – tab\there, newline\nthere, control \u0001, emoji 🚚, Ünïcödé';
    await withTenantClient(db.orm, tenantId, async (client) => {
      await client.query('insert into tenant (id, name) values ($1, $1)', [tenantId]);
      await client.query(
        `insert into administration (id, tenant_id, code, name, currency, time_zone, country, payment_term_days)
         values ($1, $2, 'a', 'A', 'EUR', 'Europe/Amsterdam', 'NL', 14)`,
        [administrationId, tenantId],
      );
      await client.query(
        `insert into debtor (id, tenant_id, administration_id, number, name, type) values ($1, $2, $3, 'D1', 'D', 'b2b')`,
        [debtorId, tenantId, administrationId],
      );
      await prepareInvoiceStaging(client);
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
      const defaults = { currency: 'EUR', paymentTermDays: 14 };
      expect(await mergeInvoices(client, administrationId, defaults, [record])).toMatchObject({ created: 1 });

      const stored = await client.query(
        `select md5(json_build_array(debtor_id, issue_date::text, due_date::text, amount::text,
           source_open_amount::text, currency::text, po_number, payment_reference, description)::text) as fp
         from invoice where number = 'F-1'`,
      );
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

      // A second run over an administration that is no longer empty compares by fingerprint: nothing to write.
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
});
