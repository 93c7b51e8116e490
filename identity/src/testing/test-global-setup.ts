import { startTestPostgres, withDatabase } from '@kredo/core/testing';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateIdentity } from '../db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    identityServerUrl: string;
  }
}

export const TEMPLATE_DATABASE = 'identity_template';

/**
 * One real PostgreSQL for the run (core's embedded-PostgreSQL harness, with its exit-code fix), and
 * a template database with identity's schema that each test file clones (test-database.ts).
 */
export default async function setup(project: TestProject) {
  const server = await startTestPostgres();
  try {
    const admin = new pg.Client({ connectionString: server.serverUrl });
    await admin.connect();
    await admin.query(`create database ${TEMPLATE_DATABASE}`);
    await admin.end();
    const pool = new pg.Pool({ connectionString: withDatabase(server.serverUrl, TEMPLATE_DATABASE), max: 1 });
    await migrateIdentity(pool);
    await pool.end();
  } catch (error) {
    await server.stop();
    throw error;
  }
  project.provide('identityServerUrl', server.serverUrl);
  return () => server.stop();
}
