import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { newId } from '../shared/ids.ts';
import { withDatabase } from './database-url.ts';
import { migrations } from './migrations/index.ts';
import { createOrm, migrate } from './orm.ts';
import { withTenantClient } from './tenant-scope.ts';

// An operator's PostgreSQL: Kredo connects as an ordinary role that owns its database, not as a superuser.
const serverUrl = inject('databaseServerUrl');
const suffix = Math.random().toString(36).slice(2, 8);
const role = `kredo_owner_${suffix}`;
const database = `kredo_plain_${suffix}`;

async function asSuperuser(sql: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('migrations and row-level security as a non-superuser', () => {
  afterAll(async () => {
    await asSuperuser(`drop database if exists ${database} with (force)`);
    await asSuperuser(`drop role if exists ${role}`);
  });

  it('migrates with a pre-arranged kredo_app role and isolates tenants even for the table owner', async () => {
    await asSuperuser(`create role ${role} login password 'owner-pw' createrole`);
    await asSuperuser(`create database ${database} owner ${role}`);
    // kredo_app exists cluster-wide already (the template migration made it); the operator lets the owner use it.
    await asSuperuser(`grant kredo_app to ${role}`);
    const url = new URL(withDatabase(serverUrl, database));
    url.username = role;
    url.password = 'owner-pw';
    const orm = await createOrm(url.toString(), 2);
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
