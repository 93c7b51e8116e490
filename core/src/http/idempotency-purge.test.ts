import { describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { withTenantClient } from '../db/tenant-scope.ts';
import { purgeIdempotencyKeys } from './idempotency-purge.ts';

const { db, newTenant } = await createTestApi();
const acme = await newTenant('Acme');
const globex = await newTenant('Globex');

const createDebtor = (tenant: typeof acme, number: string, key: string) =>
  tenant.api(
    'POST',
    '/api/v1/debtors',
    { administrationId: tenant.administrationId, number, name: number, type: 'b2b' },
    { 'idempotency-key': key },
  );

const age = (tenantId: string, key: string, hours: number, status?: number) =>
  withTenantClient(db.orm, tenantId, (c) =>
    c.query(
      `update idempotency_key set created_at = now() - make_interval(hours => $3),
         status_code = coalesce($4, status_code) where key = $2 and tenant_id = $1`,
      [tenantId, key, hours, status ?? null],
    ),
  );

const keys = (tenantId: string) =>
  withTenantClient(db.orm, tenantId, (c) => c.query('select key from idempotency_key order by key')).then(
    (result) => result.rows.map((row: { key: string }) => row.key),
  );

describe('purging Idempotency-Keys', () => {
  it("drops every tenant's keys past the keep time, not recent ones or a claim in progress", async () => {
    const first = await createDebtor(acme, 'D1', 'old');
    expect(first.status).toBe(201);
    expect((await createDebtor(acme, 'D2', 'recent')).status).toBe(201);
    expect((await createDebtor(acme, 'D3', 'stuck')).status).toBe(201);
    expect((await createDebtor(globex, 'D1', 'old')).status).toBe(201);
    await age(acme.tenantId, 'old', 49);
    await age(acme.tenantId, 'stuck', 49, 0);
    await age(globex.tenantId, 'old', 49);

    expect(await purgeIdempotencyKeys(db.orm, 48)).toBe(2);
    expect(await keys(acme.tenantId)).toEqual(['recent', 'stuck']);
    expect(await keys(globex.tenantId)).toEqual([]);
    // The key is free again: the same request now runs again (and meets the debtor it made).
    const again = await createDebtor(acme, 'D1', 'old');
    expect(again.status).toBe(409);
  });
});
