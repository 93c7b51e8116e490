import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { withDatabase } from '../db/database-url.ts';
import { startEmbeddedPostgres } from '../db/embedded-postgres.ts';
import { createOrm, migrate, type Orm } from '../db/orm.ts';

/** A throw-away PostgreSQL server for one bench run: every database on it is created by the bench. */
export interface BenchServer {
  /** A new, migrated database; close the returned Orm when done with it. */
  createDatabase(name: string, poolMax: number): Promise<Orm>;
  /** A new database without core's schema (the identity server migrates its own): its URL. */
  createEmptyDatabase(name: string): Promise<string>;
  /** Stops the server and deletes its data directory. */
  stop(): Promise<void>;
}

/**
 * Starts an embedded PostgreSQL in a temporary directory on a free port. Durable (fsync on, not
 * `ephemeral`): the import is measured against COPY on the same server, and a production server
 * syncs its WAL at commit, so turning that off would flatter both sides by an amount that is not
 * there in production.
 */
export async function startBenchServer(log: (line: string) => void): Promise<BenchServer> {
  const dir = await mkdtemp(join(tmpdir(), 'kredo-bench-pg-'));
  let server: Awaited<ReturnType<typeof startEmbeddedPostgres>>;
  try {
    server = await startEmbeddedPostgres({ dir, port: await freePort(), ephemeral: false });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  log(`PostgreSQL started in ${dir}`);
  const create = async (name: string) => {
    const admin = new pg.Client({ connectionString: server.serverUrl });
    await admin.connect();
    try {
      await admin.query(`create database ${name}`);
    } finally {
      await admin.end();
    }
  };
  return {
    async createEmptyDatabase(name) {
      await create(name);
      return withDatabase(server.serverUrl, name);
    },
    async createDatabase(name, poolMax) {
      await create(name);
      const orm = await createOrm(withDatabase(server.serverUrl, name), poolMax);
      // The migrator announces each migration on stdout, which must hold nothing but the table or JSON.
      orm.config.set('migrations', { ...orm.config.get('migrations'), silent: true });
      try {
        await migrate(orm);
      } catch (error) {
        await orm.close(true);
        throw error;
      }
      return orm;
    },
    async stop() {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** A port nothing listens on now: asked of the OS, so two bench runs or test runs never collide. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
