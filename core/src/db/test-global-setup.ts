import { migrateIdentity } from '@kredo/identity';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { withDatabase } from './database-url.ts';
import { createOrm, migrate } from './orm.ts';
import { startTestPostgres } from './test-postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseServerUrl: string;
  }
}

export const TEMPLATE_DATABASE = 'kredo_template';

/**
 * One real PostgreSQL for the whole test run, with a migrated template database that each test file
 * clones into a database of its own (see test-database.ts): isolation without re-running migrations.
 */
export default async function setup(project: TestProject) {
  if (process.env.VITEST_NO_DB === '1') return;
  const server = await startTestPostgres();
  const admin = new pg.Client({ connectionString: server.serverUrl });
  await admin.connect();
  await admin.query(`create database ${TEMPLATE_DATABASE}`);
  await admin.end();
  const orm = await createOrm(withDatabase(server.serverUrl, TEMPLATE_DATABASE), 2);
  await migrate(orm);
  await orm.close(true);
  // Identity's schema beside core's, as `kredo start` and `kredo migrate` make it.
  const identity = new pg.Pool({
    connectionString: withDatabase(server.serverUrl, TEMPLATE_DATABASE),
    max: 1,
  });
  await migrateIdentity(identity);
  await identity.end();
  project.provide('databaseServerUrl', server.serverUrl);
  return () => server.stop();
}
