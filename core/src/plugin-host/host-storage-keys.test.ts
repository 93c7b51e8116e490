import { describe, expect, it } from 'vitest';
import { withTenantClient } from '../db/tenant-scope.ts';
import { createTestDatabase } from '../db/test-database.ts';
import { newId } from '../shared/ids.ts';
import { createHostStorage } from './host-storage.ts';

// Core's storage checks keys again (the worker relaying them is not trusted): what reaches
// PostgreSQL is well-formed text without control characters, so a plugin never sees a SQLSTATE.
const db = await createTestDatabase();
const quota = { maxKeys: 100, maxBytes: 10_000 };

async function storage() {
  const tenantId = newId('tenant');
  await withTenantClient(db.orm, tenantId, (client) =>
    client.query('insert into tenant (id, name) values ($1, $2)', [tenantId, 'T']),
  );
  return createHostStorage(db.orm, tenantId, 'inst_keys', quota);
}

const refused = ['a\u0000b', 'k\ud800', '\udc00k', 'a\r\nb', '\u001b[2J', 'a\u009bb'];

describe('host storage keys', () => {
  it.each(refused)('refuses %j as key and prefix with invalid_argument', async (key) => {
    const host = await storage();
    const problem = {
      code: 'invalid_argument',
      message: expect.stringMatching(/^storage (key|prefix) must/),
    };
    await expect(host.storageSet(key, 1)).rejects.toMatchObject(problem);
    await expect(host.storageSet(key, null)).rejects.toMatchObject(problem);
    await expect(host.storageGet(key)).rejects.toMatchObject(problem);
    await expect(host.storageList(key)).rejects.toMatchObject(problem);
  });

  it('keeps keys that differ only after the first code point apart, astral characters included', async () => {
    const host = await storage();
    // Under lone surrogates these two would both have been stored as "k\uFFFD".
    await host.storageSet('k😀', 'emoji');
    await host.storageSet('k😁', 'other emoji');
    await host.storageSet('kü', 'umlaut');
    expect(await host.storageGet('k😀')).toBe('emoji');
    expect(await host.storageGet('k😁')).toBe('other emoji');
    expect(await host.storageList('k')).toEqual(['kü', 'k😀', 'k😁']);
  });
});
