import pg from 'pg';
import type { PoolSource } from './queryable.ts';

export interface OpenedPool {
  pool: pg.Pool;
  /** Ends the pool only when this module opened it; a caller's pool stays the caller's. */
  close(): Promise<void>;
}

export function openPool(source: PoolSource, max = 5): OpenedPool {
  if (source.pool) return { pool: source.pool, close: async () => {} };
  if (!source.databaseUrl) throw new Error('identity: pass databaseUrl or pool');
  const pool = new pg.Pool({ connectionString: source.databaseUrl, max });
  return { pool, close: () => pool.end() };
}
