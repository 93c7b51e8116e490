import type { EntityManager } from '@mikro-orm/postgresql';
import { describe, expect, it } from 'vitest';
import { tenantEm, withTenantClient } from '../db/tenant-scope.ts';
import { createTestDatabase } from '../db/test-database.ts';
import { newId } from '../shared/ids.ts';
import { queryIn } from './event-sql.ts';
import type { EventTransaction } from './record-event.ts';

const db = await createTestDatabase();
const tenantId = newId('tenant');

// The same statement on both kinds of event transaction: a raw client and an EntityManager.
const onBoth = <T>(run: (tx: EventTransaction) => Promise<T>) =>
  Promise.all([
    withTenantClient(db.orm, tenantId, run),
    tenantEm(db.orm, tenantId).transactional((em) => run(em as EntityManager)),
  ]);

describe('queryIn', () => {
  it("leaves jsonb's ? operators alone and binds $n parameters, on both kinds of transaction", async () => {
    const sql = `select $1::jsonb ? 'a' as has_a, $1::jsonb ?| array['x', $2] as has_any,
                        $1::jsonb ?& array['a', 'b'] as has_all, $2 as second`;
    for (const rows of await onBoth((tx) => queryIn(tx, sql, ['{"a": 1, "b": "?"}', 'b']))) {
      expect(rows).toEqual([{ has_a: true, has_any: true, has_all: true, second: 'b' }]);
    }
  });

  it('passes arrays as PostgreSQL arrays and text containing ? or $1 as text', async () => {
    const sql = 'select cardinality($1::text[]) as n, $2::text as text';
    for (const rows of await onBoth((tx) => queryIn(tx, sql, [['a', 'b?', '$1'], "it's $1 ?"]))) {
      expect(rows).toEqual([{ n: 3, text: "it's $1 ?" }]);
    }
  });

  it('runs in the transaction it is given, under its tenant', async () => {
    for (const rows of await onBoth((tx) =>
      queryIn<{ tenant: string; role: string }>(
        tx,
        "select current_setting('kredo.tenant_id') as tenant, current_user as role",
      ),
    )) {
      expect(rows).toEqual([{ tenant: tenantId, role: 'kredo_app' }]);
    }
  });

  it('refuses an EntityManager outside a transaction, which has no tenant to run under', async () => {
    await expect(queryIn(tenantEm(db.orm, tenantId), 'select 1')).rejects.toThrow(
      'queryIn needs an EntityManager inside transactional()',
    );
  });
});
