import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { withDatabase } from './database-url.ts';
import { createOrm, type Orm } from './orm.ts';
import { TEMPLATE_DATABASE } from './test-global-setup.ts';

export interface TestDatabase {
  url: string;
  orm: Orm;
}

/**
 * A fresh, migrated database of this test file's own, cloned from the run's template and dropped
 * after the file. Call at module level or in beforeAll.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = inject('databaseServerUrl');
  if (!serverUrl)
    throw new Error('No test PostgreSQL: run through vitest with the global setup (VITEST_NO_DB unset).');
  const name = `kredo_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `create database ${name} template ${TEMPLATE_DATABASE}`);
  const url = withDatabase(serverUrl, name);
  const orm = await createOrm(url, 4);
  afterAll(async () => {
    await orm.close(true);
    await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
  });
  return { url, orm };
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
