import { Migrator } from '@mikro-orm/migrations';
import { MikroORM } from '@mikro-orm/postgresql';
import { entities } from './entities.ts';
import { migrations } from './migrations/index.ts';

export type Orm = MikroORM;

/** `log` receives the ORM's own messages (migrations applied, …); by default they are dropped. */
export async function createOrm(
  databaseUrl: string,
  poolMax = 10,
  log: (message: string) => void = () => {},
): Promise<Orm> {
  return MikroORM.init({
    clientUrl: databaseUrl,
    entities,
    extensions: [Migrator],
    migrations: {
      migrationsList: migrations,
      tableName: 'kredo_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
    },
    pool: { min: 0, max: poolMax },
    // Row-level security context (tenant id, role) is applied with set_config(…, true) inside each transaction.
    sessionContext: 'transaction',
    debug: false,
    logger: log,
    colors: false,
    allowGlobalContext: false,
  });
}

/** Applies pending migrations; returns the names applied. */
export async function migrate(orm: Orm): Promise<string[]> {
  const applied = await orm.migrator.up();
  return applied.map((m) => m.name);
}
