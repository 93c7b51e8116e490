import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { withDatabase } from './database-url.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { createOrm, migrate } from './orm.ts';

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
  const dir = await mkdtemp(join(tmpdir(), 'kredo-test-pg-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const server = await startEmbeddedPostgres({ dir, port, ephemeral: true });
  const admin = new pg.Client({ connectionString: server.serverUrl });
  await admin.connect();
  await admin.query(`create database ${TEMPLATE_DATABASE}`);
  await admin.end();
  const orm = await createOrm(withDatabase(server.serverUrl, TEMPLATE_DATABASE), 2);
  await migrate(orm);
  await orm.close(true);
  project.provide('databaseServerUrl', server.serverUrl);
  return async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
