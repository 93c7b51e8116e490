import { describe, expect, it } from 'vitest';
import { newId } from '../shared/ids.ts';
import { tenantEm, withTenantClient } from './tenant-scope.ts';
import { createTestDatabase } from './test-database.ts';

const db = await createTestDatabase();

async function seedTenant(name: string) {
  const tenantId = newId('tenant');
  const administrationId = newId('administration');
  const debtorId = newId('debtor');
  await withTenantClient(db.orm, tenantId, async (client) => {
    await client.query('insert into tenant (id, name) values ($1, $2)', [tenantId, name]);
    await client.query(
      `insert into administration (id, tenant_id, code, name, currency, time_zone, country, payment_term_days)
       values ($1, $2, 'main', $3, 'EUR', 'Europe/Amsterdam', 'NL', 30)`,
      [administrationId, tenantId, name],
    );
    await client.query(
      `insert into debtor (id, tenant_id, administration_id, number, name, type) values ($1, $2, $3, 'D1', $4, 'b2b')`,
      [debtorId, tenantId, administrationId, `${name} debtor`],
    );
  });
  return { tenantId, administrationId, debtorId };
}

describe('row-level security', () => {
  it('hides and protects another tenant’s rows even from queries without a tenant filter', async () => {
    const a = await seedTenant('A');
    const b = await seedTenant('B');

    const em = tenantEm(db.orm, a.tenantId);
    const visible = await em.execute('select id, tenant_id from debtor');
    expect(visible).toEqual([{ id: a.debtorId, tenant_id: a.tenantId }]);

    const updated = await em.execute(
      `update debtor set name = 'taken over' where id = ?`,
      [b.debtorId],
      'run',
    );
    expect(updated).toMatchObject({ affectedRows: 0 });
    const deleted = await withTenantClient(db.orm, a.tenantId, (c) =>
      c.query('delete from debtor where true'),
    );
    expect(deleted.rowCount).toBe(1);

    const bRows = await withTenantClient(db.orm, b.tenantId, (c) => c.query('select name from debtor'));
    expect(bRows.rows).toEqual([{ name: 'B debtor' }]);
  });

  it('refuses to write a row into another tenant', async () => {
    const a = await seedTenant('C');
    const b = await seedTenant('D');
    await expect(
      withTenantClient(db.orm, a.tenantId, (c) =>
        c.query(
          `insert into debtor (id, tenant_id, administration_id, number, name, type)
                 values ($1, $2, $3, 'X', 'intruder', 'b2b')`,
          [newId('debtor'), b.tenantId, b.administrationId],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('shows nothing when no tenant is set', async () => {
    await seedTenant('E');
    const rows = await withTenantClient(db.orm, '', (c) => c.query('select count(*)::int as n from debtor'));
    expect(rows.rows[0]).toEqual({ n: 0 });
  });
});
