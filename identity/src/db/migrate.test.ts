import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../testing/test-database.ts';
import { migrateIdentity } from './migrate.ts';
import { IDENTITY_MIGRATIONS } from './migrations.ts';

const { pool } = await createTestDatabase();

describe('migrateIdentity', () => {
  it('applies only what is pending, once, even when processes start together', async () => {
    expect(await migrateIdentity(pool)).toEqual([]);
    const next = [
      ...IDENTITY_MIGRATIONS,
      { name: '9999-extra', sql: 'create table identity.extra (id int)' },
    ];
    const runs = await Promise.all([migrateIdentity(pool, next), migrateIdentity(pool, next)]);
    expect(runs.flat()).toEqual(['9999-extra']);
  });

  it('rolls a failing migration back whole and names it', async () => {
    const broken = [
      ...IDENTITY_MIGRATIONS,
      { name: '9998-broken', sql: 'create table identity.half (id int); select no_such_function()' },
    ];
    await expect(migrateIdentity(pool, broken)).rejects.toThrow(/identity migration 9998-broken failed/);
    const { rowCount } = await pool.query(
      "select 1 from pg_tables where schemaname = 'identity' and tablename = 'half'",
    );
    expect(rowCount).toBe(0);
  });
});
