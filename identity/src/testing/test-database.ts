import { randomBytes } from 'node:crypto';
import { adminQuery, withDatabase } from '@kredo/core/testing';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { TEMPLATE_DATABASE } from './test-global-setup.ts';

/**
 * A database of this test file's own with identity's schema, cloned from the run's template and
 * dropped after the file. Call at module level or in beforeAll.
 */
export async function createTestDatabase(): Promise<{ url: string; pool: pg.Pool }> {
  const serverUrl = inject('identityServerUrl');
  const name = `identity_test_${randomBytes(6).toString('hex')}`;
  // file_copy: faster than writing every block through the WAL (see core's db/test-database.ts).
  await adminQuery(serverUrl, `create database ${name} template ${TEMPLATE_DATABASE} strategy file_copy`);
  const url = withDatabase(serverUrl, name);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // The drop below ends any connection a test left checked out: heard here, not thrown at the run.
  pool.on('error', () => {});
  afterAll(async () => {
    await pool.end();
    await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
  });
  return { url, pool };
}
