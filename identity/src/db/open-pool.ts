import pg from 'pg';
import type { PoolSource } from './queryable.ts';

export interface OpenedPool {
  pool: pg.Pool;
  /** Ends the pool only when this module opened it; a caller's pool stays the caller's. */
  close(): Promise<void>;
}

/**
 * The pool identity's functions run on: the caller's, or one of its own on `databaseUrl`. A
 * connection of its own that the server ends (a restart, a dropped database) is reported to
 * `onError` rather than thrown: pg emits it on the pool, and an unheard 'error' ends the process.
 */
export function openPool(source: PoolSource, max = 5, onError?: (error: Error) => void): OpenedPool {
  if (source.pool) return { pool: source.pool, close: async () => {} };
  if (!source.databaseUrl) throw new Error('identity: pass databaseUrl or pool');
  const pool = new pg.Pool({ connectionString: source.databaseUrl, max });
  pool.on('error', (error) => onError?.(error));
  return { pool, close: () => pool.end() };
}
