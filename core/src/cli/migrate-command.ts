import { parseArgs } from 'node:util';
import { migrateIdentity } from '@kredo/identity';
import pg from 'pg';
import { openDatabase } from '../app/database.ts';
import { loadConfig } from '../config/load-config.ts';
import { createOrm, migrate } from '../db/orm.ts';
import type { Command } from './command.ts';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply pending database migrations and exit',
  help: `Usage: pnpm kredo migrate

Applies every pending migration to DATABASE_URL (or the embedded database) in one transaction, then
the identity server's (schema identity), each in a transaction of its own.`,
  async run(args) {
    parseArgs({ args, options: {}, strict: true });
    const config = loadConfig();
    const database = await openDatabase(config);
    try {
      const orm = await createOrm(database.url, 2);
      try {
        const applied = await migrate(orm);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
      } finally {
        await orm.close(true);
      }
      const pool = new pg.Pool({ connectionString: database.url, max: 1 });
      try {
        const applied = await migrateIdentity(pool);
        console.log(
          applied.length ? `Identity: applied ${applied.join(', ')}` : 'Identity schema is up to date.',
        );
      } finally {
        await pool.end();
      }
    } finally {
      await database.stop();
    }
    return 0;
  },
};
