import { describe, expect, it } from 'vitest';
import { APP_ROLE, TENANT_SETTING } from '../db/tenant-scope.ts';
import { createTestDatabase } from '../db/test-database.ts';
import { createTenant } from '../tenants/tenant-service.ts';
import { forEachTenant } from './for-each-tenant.ts';

const db = await createTestDatabase();
const tenants: string[] = [];
for (const name of ['Acme', 'Globex', 'Initech']) tenants.push((await createTenant(db.orm, name)).id);

describe('forEachTenant', () => {
  it('visits every tenant in id order, each turn under that tenant’s row-level security', async () => {
    const seen = await forEachTenant(db.orm, (turn) =>
      turn.transaction(async (client) => {
        const { rows } = await client.query(
          `select current_user as role, current_setting('${TENANT_SETTING}') as tenant,
             (select array_agg(id) from tenant) as visible`,
        );
        return { id: turn.tenantId, ...rows[0] };
      }),
    );
    expect(seen).toEqual(
      [...tenants].sort().map((id) => ({ id, role: APP_ROLE, tenant: id, visible: [id] })),
    );
  });

  it('visits only the one tenant it is given', async () => {
    const only = tenants[1] as string;
    expect(await forEachTenant(db.orm, async ({ tenantId }) => tenantId, { only })).toEqual([only]);
  });

  it('ends the run at a turn that throws', async () => {
    const visited: string[] = [];
    const run = forEachTenant(db.orm, async ({ tenantId }) => {
      visited.push(tenantId);
      throw new Error('refused');
    });
    await expect(run).rejects.toThrow('refused');
    expect(visited).toHaveLength(1);
  });
});
