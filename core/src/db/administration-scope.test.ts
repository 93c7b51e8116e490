import { describe, expect, it } from 'vitest';
import {
  administrationsSettingValue,
  currentAdministrations,
  withAdministrations,
} from './administration-scope.ts';
import { tenantEm, withTenantClient } from './tenant-scope.ts';
import { createTestDatabase } from './test-database.ts';

const db = await createTestDatabase();

describe('the administration limit', () => {
  it('writes the setting PostgreSQL reads back as the same ids, quotes and backslashes included', async () => {
    const ids = ['adm_a', 'adm "b"', 'adm\\c', 'adm,d'];
    const em = db.orm.em.fork();
    const [row] = await em.execute<{ ids: string[] }[]>('select ?::text[] as ids', [
      administrationsSettingValue(ids),
    ]);
    expect(row?.ids).toEqual(ids);
    expect(administrationsSettingValue(undefined)).toBe('');
    expect(administrationsSettingValue([])).toBe('{}');
  });

  it('holds within its work only, and the whole tenant stays reachable outside it', async () => {
    expect(currentAdministrations()).toBeUndefined();
    const inside = await withAdministrations(['adm_a'], async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return currentAdministrations();
    });
    expect(inside).toEqual(['adm_a']);
    expect(currentAdministrations()).toBeUndefined();
  });

  it('is set on every session, so a pooled connection never keeps an earlier request’s limit', async () => {
    const tenantId = 'ten_scope_test';
    const limited = await withAdministrations(['adm_a'], () =>
      withTenantClient(
        db.orm,
        tenantId,
        async (c) => (await c.query("select current_setting('kredo.administrations') as v")).rows[0].v,
      ),
    );
    expect(limited).toBe('{"adm_a"}');
    const whole = await tenantEm(db.orm, tenantId).transactional(async (em) =>
      em.execute("select current_setting('kredo.administrations', true) as v"),
    );
    expect(whole).toEqual([{ v: '' }]);
  });
});
