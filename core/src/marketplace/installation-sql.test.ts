import { describe, expect, it } from 'vitest';
import { tenantEm, withTenantClient } from '../db/tenant-scope.ts';
import { createTestDatabase } from '../db/test-database.ts';
import { newId } from '../shared/ids.ts';
import { checkInstallation, providersSql, subscribersSql } from './installation-sql.ts';

const db = await createTestDatabase();

const INSURER = {
  id: 'com.example.insure',
  version: '1.0.0',
  capabilities: ['creditInsurance'],
  hooks: [{ name: 'invoice.overdue', kind: 'event', priority: 5 }],
  webhooks: [{ name: 'cover' }, { name: 'claims' }],
  config: [
    { key: 'noticeAfterDays', type: 'number' },
    { key: 'apiKey', type: 'string', secret: true },
  ],
};
const PAY_LINKS = {
  id: 'com.example.pay',
  version: '1.0.0',
  capabilities: ['payLink'],
  hooks: [{ name: 'invoice.overdue', kind: 'event' }],
};

async function publish(manifest: { id: string; version: string }) {
  const owner = db.orm.em.fork();
  await owner.execute(
    "insert into publisher (id, name) values ('com.example', 'Example') on conflict do nothing",
  );
  await owner.execute(
    `insert into plugin_version (plugin_id, version, publisher_id, manifest, bundle, bundle_sha256, signature)
     values (?, ?, 'com.example', ?::jsonb, '\\x00', repeat('0', 64), 'sig')`,
    [manifest.id, manifest.version, JSON.stringify(manifest)],
  );
}

/** A tenant with `installs` installed (pluginId → enabled, config); answers their ids by plugin id. */
async function tenantWith(installs: Record<string, { enabled: boolean; config?: object }>) {
  const tenantId = newId('tenant');
  const ids: Record<string, string> = {};
  await withTenantClient(db.orm, tenantId, async (client) => {
    await client.query('insert into tenant (id, name) values ($1, $1)', [tenantId]);
    for (const [pluginId, { enabled, config }] of Object.entries(installs)) {
      const id = newId('installation');
      await client.query(
        `insert into installation (id, tenant_id, plugin_id, version, config, enabled, granted)
         values ($1, $2, $3, '1.0.0', $4, $5, '{}')`,
        [id, tenantId, pluginId, JSON.stringify(config ?? {}), enabled],
      );
      ids[pluginId] = id;
    }
  });
  return { tenantId, ids };
}

await publish(INSURER);
await publish(PAY_LINKS);

describe("the marketplace's installation lookups", () => {
  it('find the enabled providers of a capability, with their webhooks and only their non-secret declared settings', async () => {
    const { tenantId, ids } = await tenantWith({
      // A secret and an undeclared key in config (as an older version could leave them) stay out of settings.
      [INSURER.id]: { enabled: true, config: { noticeAfterDays: 7, apiKey: 'not-here', stale: 'x' } },
      [PAY_LINKS.id]: { enabled: false },
    });
    await tenantWith({ [INSURER.id]: { enabled: true } });
    const rows = await tenantEm(db.orm, tenantId).transactional((em) =>
      em.execute(
        `select p.id, p.plugin, p.webhooks, p.settings, c.name as capability
         from (values ('creditInsurance'), ('payLink')) as c (name)
         join lateral ${providersSql('c.name')} p on true`,
      ),
    );
    expect(rows).toEqual([
      {
        id: ids[INSURER.id],
        plugin: 'com.example.insure@1.0.0',
        webhooks: ['cover', 'claims'],
        settings: { noticeAfterDays: 7 },
        capability: 'creditInsurance',
      },
    ]);
  });

  it('find the enabled subscribers of a hook with their priority, for ? and $n placeholders alike', async () => {
    const { tenantId, ids } = await tenantWith({
      [INSURER.id]: { enabled: true },
      [PAY_LINKS.id]: { enabled: true },
    });
    await tenantWith({ [INSURER.id]: { enabled: true } });
    const em = tenantEm(db.orm, tenantId);
    const bound = await em.transactional((tx) =>
      tx.execute(`select s.id, s.priority from ${subscribersSql('?')} s order by s.priority`, [
        'invoice.overdue',
      ]),
    );
    expect(bound).toEqual([
      { id: ids[PAY_LINKS.id], priority: 0 },
      { id: ids[INSURER.id], priority: 5 },
    ]);
    await withTenantClient(db.orm, tenantId, async (client) => {
      const numbered = await client.query(`select count(*)::int as n from ${subscribersSql('$1')} s`, [
        'payment.received',
      ]);
      expect(numbered.rows).toEqual([{ n: 0 }]);
    });
  });

  it("check that an installation is the tenant's, enabled or not", async () => {
    const mine = await tenantWith({ [PAY_LINKS.id]: { enabled: false } });
    const theirs = await tenantWith({ [PAY_LINKS.id]: { enabled: true } });
    const em = tenantEm(db.orm, mine.tenantId);
    await expect(checkInstallation(em, mine.ids[PAY_LINKS.id] as string)).resolves.toBeUndefined();
    await expect(checkInstallation(em, theirs.ids[PAY_LINKS.id] as string)).rejects.toMatchObject({
      status: 404,
    });
  });
});
