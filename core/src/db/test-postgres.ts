import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { withDatabase } from './database-url.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';

export interface TestPostgres {
  /** URL of the `postgres` maintenance database; callers create their own databases. */
  serverUrl: string;
  stop(): Promise<void>;
}

/**
 * A throw-away embedded PostgreSQL for one test run, in a temporary directory on a random port,
 * with embedded-postgres's exit hooks removed (embedded-postgres.ts) so a failing run still exits
 * non-zero. Core's global setup uses it, and so does @kredo/identity's through `@kredo/core/testing`.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const dir = await mkdtemp(join(tmpdir(), 'kredo-test-pg-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const server = await startEmbeddedPostgres({ dir, port, ephemeral: true });
  return {
    serverUrl: server.serverUrl,
    async stop() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** One statement on the server's maintenance database (create or drop a test database). */
export async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export { withDatabase };
