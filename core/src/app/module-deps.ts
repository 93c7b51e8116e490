import type pg from 'pg';
import type { Logger } from 'pino';
import type { Config } from '../config/load-config.ts';
import type { Orm } from '../db/orm.ts';
import type { EventDeliverer } from '../events/index.ts';
import type { PluginRuntime } from '../plugin-runtime/index.ts';

/**
 * Everything the app can give a module's factories. A module takes the part it names in `needs`
 * (shared/kredo-module.ts); a module needing something new adds it here and in `startKredo`.
 */
export interface ModuleDeps {
  orm: Orm;
  config: Config;
  logger: Logger;
  /** Runs installed plugins' hooks and capabilities. */
  runtime: PluginRuntime;
  /** Who receives outbox events: the installed plugins through the runtime, unless `startKredo` is given another. */
  deliverer: EventDeliverer;
  /** Kredo's public base URL, no trailing slash (for URLs handed to providers). */
  publicUrl: () => string;
  /** The key installation secrets are sealed with. */
  secretsKey: Buffer;
  /**
   * Where `@kredo/identity`'s functions run (API clients, the audit log, the sweep): a pool on
   * Kredo's database, whose schema `identity` is migrated. Identity's tables stay identity's: core
   * calls its functions, never names them. A pool rather than one connection: what identity writes
   * in several statements (a partner's invitation) takes a connection of it for a transaction.
   */
  identityDb: pg.Pool;
}
