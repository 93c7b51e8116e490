import type pg from 'pg';
import { IDENTITY_MIGRATIONS } from './migrations.ts';

/** Arbitrary, fixed: serialises identity migrations between processes starting at once. */
const MIGRATION_LOCK = 7_305_417_211;

/**
 * Applies identity's pending migrations, each in its own transaction together with its row in
 * `identity.migration`, under an advisory lock so that two processes starting together do not
 * both apply one. Returns the names applied.
 */
export async function migrateIdentity(pool: pg.Pool, migrations = IDENTITY_MIGRATIONS): Promise<string[]> {
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`
      create schema if not exists identity;
      create table if not exists identity.migration (
        name text primary key,
        applied_at timestamptz not null default now()
      )`);
    const done = new Set(
      (await client.query<{ name: string }>('select name from identity.migration')).rows.map((r) => r.name),
    );
    for (const migration of migrations) {
      if (done.has(migration.name)) continue;
      try {
        await client.query('begin');
        await client.query(migration.sql);
        await client.query('insert into identity.migration (name) values ($1)', [migration.name]);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw new Error(`identity migration ${migration.name} failed: ${(error as Error).message}`);
      }
      applied.push(migration.name);
    }
  } finally {
    // A connection that could not give the lock back is destroyed, not returned to the pool holding it.
    const unlocked = await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).then(
      () => true,
      () => false,
    );
    client.release(!unlocked);
  }
  return applied;
}
