import { join } from 'node:path';
import pg from 'pg';
import type { Config } from '../config/load-config.ts';
import { withDatabase } from '../db/database-url.ts';
import { startEmbeddedPostgres } from '../db/embedded-postgres.ts';

export interface DatabaseHandle {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

const EMBEDDED_DATABASE = 'kredo';

/** DATABASE_URL when set; otherwise the embedded PostgreSQL under the data directory, started now. */
export async function openDatabase(config: Config, onLog?: (line: string) => void): Promise<DatabaseHandle> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: async () => {} };
  const server = await startEmbeddedPostgres({
    dir: join(config.dataDir, 'postgres'),
    port: config.embeddedPostgresPort,
    ...(onLog ? { onLog } : {}),
  });
  const client = new pg.Client({ connectionString: server.serverUrl });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [EMBEDDED_DATABASE]);
    if (exists.rowCount === 0) await client.query(`create database ${EMBEDDED_DATABASE}`);
  } finally {
    await client.end();
  }
  return {
    url: withDatabase(server.serverUrl, EMBEDDED_DATABASE),
    embedded: true,
    stop: () => server.stop(),
  };
}
