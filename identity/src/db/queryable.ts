import type pg from 'pg';

/** What identity's SQL runs on: a pool, or one client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'>;

/** A pg pool of identity's own, or the caller's (core passes none: identity opens its own). */
export interface PoolSource {
  /** PostgreSQL to connect to; ignored when `pool` is given. */
  databaseUrl?: string;
  pool?: pg.Pool;
}
