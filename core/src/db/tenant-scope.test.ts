import { describe, expect, it } from 'vitest';
import { newId } from '../shared/ids.ts';
import { APP_ROLE, readAsTenant, TENANT_SETTING, tenantEm, withTenantClient } from './tenant-scope.ts';
import { createTestDatabase } from './test-database.ts';

const db = await createTestDatabase();

async function newTenant() {
  const tenantId = newId('tenant');
  await withTenantClient(db.orm, tenantId, (c) =>
    c.query('insert into tenant (id, name) values ($1, $1)', [tenantId]),
  );
  return tenantId;
}

const whoAmI = `select current_user as role, current_setting('${TENANT_SETTING}') as tenant,
  transaction_timestamp()::text as started`;

describe('tenantEm', () => {
  it('runs each query as the application role with the tenant set', async () => {
    const tenantId = await newTenant();
    const [row] = await tenantEm(db.orm, tenantId).execute(whoAmI);
    expect(row).toMatchObject({ role: APP_ROLE, tenant: tenantId });
  });
});

describe('readAsTenant', () => {
  it('runs all reads in one transaction, as the application role, seeing only the tenant’s rows', async () => {
    const mine = await newTenant();
    await newTenant();
    const [first, second, tenants] = await readAsTenant(db.orm, mine, async (em) => [
      await em.execute(whoAmI),
      await em.execute(whoAmI),
      await em.execute('select id from tenant'),
    ]);
    expect(first).toEqual(second);
    expect(first?.[0]).toMatchObject({ role: APP_ROLE, tenant: mine });
    expect(tenants).toEqual([{ id: mine }]);
  });

  it('refuses to write', async () => {
    const tenantId = await newTenant();
    await expect(
      readAsTenant(db.orm, tenantId, (em) => em.execute(`update tenant set name = 'changed'`, [], 'run')),
    ).rejects.toThrow(/read-only transaction/);
    const [row] = await tenantEm(db.orm, tenantId).execute('select name from tenant');
    expect(row).toEqual({ name: tenantId });
  });
});
