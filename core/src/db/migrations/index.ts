import { Migration20261122000000Ledger } from './Migration20261122000000Ledger.ts';
import { Migration20261122010000Marketplace } from './Migration20261122010000Marketplace.ts';
import { Migration20261122020000PluginStorage } from './Migration20261122020000PluginStorage.ts';

/** Every migration, in order. Listed explicitly so they run the same from source and from a bundle. */
export const migrations = [
  Migration20261122000000Ledger,
  Migration20261122010000Marketplace,
  Migration20261122020000PluginStorage,
];
