import { describe, expect, it } from 'vitest';
import { newId } from '../shared/ids.ts';
import { migrations } from './migrations/index.ts';
import { createOrm, migrate } from './orm.ts';
import { withTenantClient } from './tenant-scope.ts';
import { createOwnedDatabase } from './test-database.ts';

// An operator's PostgreSQL: Kredo connects as an ordinary role that owns its database, not as a superuser.
const { url } = await createOwnedDatabase();

describe('migrations and row-level security as a non-superuser', () => {
  it('migrates with a pre-arranged kredo_app role and isolates tenants even for the table owner', async () => {
    const orm = await createOrm(url, 2);
    try {
      expect(await migrate(orm)).toHaveLength(migrations.length);
      const a = newId('tenant');
      const b = newId('tenant');
      for (const id of [a, b]) {
        await withTenantClient(orm, id, (c) =>
          c.query('insert into tenant (id, name) values ($1, $1)', [id]),
        );
      }
      const seenByA = await withTenantClient(orm, a, (c) => c.query('select id from tenant'));
      expect(seenByA.rows).toEqual([{ id: a }]);
      // The webhook route's one cross-tenant lookup works for the application role of a plain owner.
      const lookup = await withTenantClient(orm, a, (c) =>
        c.query("select installation_tenant('ins_none') as t"),
      );
      expect(lookup.rows).toEqual([{ t: null }]);
      // Even the owner, outside the application role, sees nothing without a tenant: RLS is forced.
      const owner = await orm.em.fork().execute('select count(*)::int as n from tenant');
      expect(owner).toEqual([{ n: 0 }]);
    } finally {
      await orm.close(true);
    }
  });
});
