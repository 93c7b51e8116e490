import { describe, expect, it } from 'vitest';
import { withTenantClient } from '../db/tenant-scope.ts';
import { createTestDatabase } from '../db/test-database.ts';
import { newId } from '../shared/ids.ts';
import { createHostStorage } from './host-storage.ts';

const db = await createTestDatabase();
const quota = { maxKeys: 100, maxBytes: 10_000 };

async function seedTenant(): Promise<string> {
  const tenantId = newId('tenant');
  await withTenantClient(db.orm, tenantId, (client) =>
    client.query('insert into tenant (id, name) values ($1, $2)', [tenantId, 'T']),
  );
  return tenantId;
}

describe('createHostStorage', () => {
  it('stores, replaces and deletes JSON values', async () => {
    const storage = createHostStorage(db.orm, await seedTenant(), 'inst_1', quota);
    expect(await storage.storageGet('missing')).toBeNull();
    await storage.storageSet('cursor', { page: 2, seen: ['a', 'b'], done: false });
    expect(await storage.storageGet('cursor')).toEqual({ page: 2, seen: ['a', 'b'], done: false });
    await storage.storageSet('cursor', 'three');
    expect(await storage.storageGet('cursor')).toBe('three');
    await storage.storageSet('cursor', null);
    expect(await storage.storageGet('cursor')).toBeNull();
    await expect(storage.storageSet('', 1)).rejects.toMatchObject({ code: 'invalid_argument' });
  });

  it('keeps tenants apart even under the same installation key', async () => {
    const a = createHostStorage(db.orm, await seedTenant(), 'inst_shared', quota);
    const b = createHostStorage(db.orm, await seedTenant(), 'inst_shared', quota);
    await a.storageSet('token', 'for A only');
    expect(await b.storageGet('token')).toBeNull();
    await b.storageSet('token', 'B');
    await b.storageSet('token', null);
    expect(await a.storageGet('token')).toBe('for A only');
  });

  it('keeps installations of one tenant apart', async () => {
    const tenantId = await seedTenant();
    await createHostStorage(db.orm, tenantId, 'inst_a', quota).storageSet('k', 1);
    expect(await createHostStorage(db.orm, tenantId, 'inst_b', quota).storageGet('k')).toBeNull();
  });

  it('ends a concurrent flood at the quota without writing past it', async () => {
    const tenantId = await seedTenant();
    const small = { maxKeys: 10, maxBytes: 400 };
    const storage = createHostStorage(db.orm, tenantId, 'inst_flood', small);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => storage.storageSet(`key-${i}`, 'v'.repeat(20))),
    );
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(refused.length).toBeGreaterThan(0);
    for (const outcome of refused) {
      expect((outcome as PromiseRejectedResult).reason).toMatchObject({
        code: 'storage_quota',
        retryable: false,
      });
    }
    const { rows } = await withTenantClient(db.orm, tenantId, (client) =>
      client.query(
        `select count(*)::int as keys, sum(bytes)::int as bytes from plugin_storage where installation_key = 'inst_flood'`,
      ),
    );
    expect(rows[0].keys).toBe(outcomes.length - refused.length);
    expect(rows[0].keys).toBeLessThanOrEqual(small.maxKeys);
    expect(rows[0].bytes).toBeLessThanOrEqual(small.maxBytes);

    // One big value past the byte quota is refused whole; replacing a key counts only its new size.
    const written = `key-${outcomes.findIndex((o) => o.status === 'fulfilled')}`;
    await expect(storage.storageSet(written, 'v'.repeat(500))).rejects.toMatchObject({
      code: 'storage_quota',
    });
    expect(await storage.storageGet(written)).toBe('v'.repeat(20));
    await storage.storageSet(written, 'w'.repeat(20));
    expect(await storage.storageGet(written)).toBe('w'.repeat(20));
  });
});
