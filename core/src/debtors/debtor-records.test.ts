import type { EntityManager } from '@mikro-orm/postgresql';
import { describe, expect, it } from 'vitest';
import { tenantEm, withTenantClient } from '../db/tenant-scope.ts';
import { createTestDatabase } from '../db/test-database.ts';
import { insertLedger } from '../db/test-ledger.ts';
import { newId } from '../shared/ids.ts';
import { debtorRecordSql, readDebtorRecords, SDK_DEBTOR_TYPE } from './debtor-records.ts';
import { DEBTOR_TYPES } from './debtor-types.ts';

const db = await createTestDatabase();

describe("a debtor as the SDK's DebtorRecord", () => {
  it('maps every debtor type to its SDK type, the same for ctx.core reads and event payloads', async () => {
    expect(Object.keys(SDK_DEBTOR_TYPE)).toEqual([...DEBTOR_TYPES]);
    const tenantId = newId('tenant');
    const administrationId = newId('administration');
    const ids = DEBTOR_TYPES.map(() => newId('debtor'));
    const addresses = [
      { type: 'visit', line1: 'Dorpsstraat 1', country: 'BE' },
      { type: 'billing', line1: 'Postbus 2', country: 'NL' },
    ];
    await withTenantClient(db.orm, tenantId, (client) =>
      insertLedger(
        client,
        { tenantId, administrationId },
        {
          debtors: DEBTOR_TYPES.map((type, n) => ({
            id: ids[n] as string,
            number: `D${n}`,
            type,
            addresses,
          })),
        },
      ),
    );
    await tenantEm(db.orm, tenantId).transactional(async (tx) => {
      const em = tx as EntityManager;
      const read = await readDebtorRecords(em, ids);
      expect(read.map((r) => [r.number, r.type, r.country])).toEqual(
        DEBTOR_TYPES.map((type, n) => [`D${n}`, SDK_DEBTOR_TYPE[type], 'NL']),
      );
      // How debtor.created builds its payload: the same record, nested in jsonb.
      const payloads = await em.execute<{ payload: { debtor: unknown } }[]>(
        `select jsonb_build_object('debtor', ${debtorRecordSql('d')}) as payload from debtor d order by d.id`,
      );
      expect(payloads.map((p) => p.payload.debtor)).toEqual(read);
    });
  });
});
