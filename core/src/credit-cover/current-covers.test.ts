import { describe, expect, it } from 'vitest';
import { withTenantClient } from '../db/tenant-scope.ts';
import { createTestDatabase } from '../db/test-database.ts';
import { insertLedger } from '../db/test-ledger.ts';
import { newId } from '../shared/ids.ts';
import { CURRENT_COVERS_SQL } from './credit-cover-store.ts';

const db = await createTestDatabase();

describe("a debtor's current cover", () => {
  it('is the newest of its covers, one per debtor', async () => {
    const tenantId = newId('tenant');
    const administrationId = newId('administration');
    const [a, b] = [newId('debtor'), newId('debtor')];
    await withTenantClient(db.orm, tenantId, async (client) => {
      const debtors = [
        { id: a, number: 'A' },
        { id: b, number: 'B' },
      ];
      await insertLedger(client, { tenantId, administrationId }, { debtors });
      const cover = (debtorId: string, reference: string, status: string, createdAt: string) =>
        client.query(
          `insert into credit_cover (id, tenant_id, administration_id, debtor_id, installation_id, plugin,
             cover_reference, status, requested_amount, covered_amount, currency, created_at)
           values ($1, $2, $3, $4, 'ins_x', 'p@1', $5, $6, 100, 100, 'EUR', $7)`,
          [newId('creditCover'), tenantId, administrationId, debtorId, reference, status, createdAt],
        );
      await cover(a, 'A-old', 'granted', '2026-01-01T00:00:00Z');
      await cover(a, 'A-new', 'refused', '2026-02-01T00:00:00Z');
      await cover(b, 'B-only', 'partial', '2026-01-15T00:00:00Z');
      const { rows } = await client.query(
        `select c.cover_reference, c.status from ${CURRENT_COVERS_SQL} c order by c.cover_reference`,
      );
      expect(rows).toEqual([
        { cover_reference: 'A-new', status: 'refused' },
        { cover_reference: 'B-only', status: 'partial' },
      ]);
    });
  });
});
