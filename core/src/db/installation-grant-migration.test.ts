import { describe, expect, it } from 'vitest';
import { newId } from '../shared/ids.ts';
import { createOrm } from './orm.ts';
import { withTenantClient } from './tenant-scope.ts';
import { createOwnedDatabase } from './test-database.ts';

// The grant migration on an installation made before it, as an operator's non-superuser owner runs
// it: the installed version's origins, hooks, webhooks and capabilities become the grant, and each
// secret keeps every origin it could reach before secrets named theirs.
const { url } = await createOwnedDatabase();

describe('Migration20261122120000InstallationGrant', () => {
  it('grants an existing installation what its installed version asks for', async () => {
    const orm = await createOrm(url, 2);
    try {
      await orm.migrator.up({ to: 'Migration20261122110000InsurerNotices' });
      const manifest = {
        id: 'dev.kredo.legacy',
        http: { origins: ['https://api.example.com', 'https://files.example.com'] },
        hooks: [{ name: 'invoice.overdue', kind: 'event' }],
        webhooks: [{ name: 'status' }],
        capabilities: ['payLink'],
        config: [
          { key: 'apiKey', type: 'string', label: 'Key', secret: true },
          { key: 'mode', type: 'string', label: 'Mode' },
        ],
      };
      const em = orm.em.fork();
      await em.execute("insert into publisher (id, name) values ('pub_legacy', 'Legacy')");
      await em.execute(
        `insert into plugin_version (plugin_id, version, publisher_id, manifest, bundle, bundle_sha256, signature)
         values ('dev.kredo.legacy', '1.0.0', 'pub_legacy', ?::jsonb, '', repeat('0', 64), 'sig')`,
        [JSON.stringify(manifest)],
      );
      const tenantId = newId('tenant');
      await withTenantClient(orm, tenantId, async (client) => {
        await client.query('insert into tenant (id, name) values ($1, $1)', [tenantId]);
        await client.query(
          `insert into installation (id, tenant_id, plugin_id, version, granted_scopes)
           values ('ins_legacy', $1, 'dev.kredo.legacy', '1.0.0', '{invoices:read}')`,
          [tenantId],
        );
      });

      await orm.migrator.up();
      const rows = await withTenantClient(orm, tenantId, (client) =>
        client.query('select granted from installation'),
      );
      expect(rows.rows).toEqual([
        {
          granted: {
            origins: manifest.http.origins,
            secretOrigins: { apiKey: manifest.http.origins },
            hooks: ['invoice.overdue'],
            webhooks: ['status'],
            capabilities: ['payLink'],
          },
        },
      ]);
      // Row-level security is forced again afterwards, also for the owner.
      expect(await orm.em.fork().execute('select count(*)::int as n from installation')).toEqual([{ n: 0 }]);
    } finally {
      await orm.close(true);
    }
  });
});
