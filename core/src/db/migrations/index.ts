import { Migration20261122000000Ledger } from './Migration20261122000000Ledger.ts';

/** Every migration, in order. Listed explicitly so they run the same from source and from a bundle. */
export const migrations = [Migration20261122000000Ledger];
