import { randomBytes } from 'node:crypto';
import { afterAll, inject } from 'vitest';
import { withDatabase } from './database-url.ts';
import { createOrm, type Orm } from './orm.ts';
import { TEMPLATE_DATABASE } from './test-global-setup.ts';
import { adminQuery } from './test-postgres.ts';

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
  // file_copy: copying the template's files (durability is off in tests) is faster than PostgreSQL's
  // default of writing every block through the WAL; a clone took ~130 ms instead of ~200 ms.
  await adminQuery(serverUrl, `create database ${name} template ${TEMPLATE_DATABASE} strategy file_copy`);
  const url = withDatabase(serverUrl, name);
  const orm = await createOrm(url, 4);
  afterAll(async () => {
    await orm.close(true);
    await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
  });
  return { url, orm };
}

/**
 * An empty database owned by an ordinary login role, not a superuser, as an operator's PostgreSQL
 * gives Kredo; the role may use kredo_app. Not migrated. Dropped with its role after the file.
 */
export async function createOwnedDatabase(): Promise<{ url: string }> {
  const serverUrl = inject('databaseServerUrl');
  if (!serverUrl) throw new Error('No test PostgreSQL: run through vitest with the global setup.');
  const name = `kredo_owned_${randomBytes(4).toString('hex')}`;
  await adminQuery(serverUrl, `create role ${name} login password 'owner-pw' createrole`);
  await adminQuery(serverUrl, `create database ${name} owner ${name}`);
  // kredo_app exists cluster-wide already (the template migration made it); the operator lets the owner use it.
  await adminQuery(serverUrl, `grant kredo_app to ${name}`);
  afterAll(async () => {
    await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    await adminQuery(serverUrl, `drop role if exists ${name}`);
  });
  const url = new URL(withDatabase(serverUrl, name));
  url.username = name;
  url.password = 'owner-pw';
  return { url: url.toString() };
}
