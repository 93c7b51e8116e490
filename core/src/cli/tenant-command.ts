import { parseArgs } from 'node:util';
import { openDatabase } from '../app/database.ts';
import { loadConfig } from '../config/load-config.ts';
import { createOrm, migrate } from '../db/orm.ts';
import { createTenant } from '../tenants/tenant-service.ts';
import { type Command, UsageError } from './command.ts';

export const tenantCommand: Command = {
  name: 'tenant',
  summary: 'Create a tenant (pnpm kredo tenant create --name "Acme B.V.")',
  help: `Usage: pnpm kredo tenant create --name <name>

Creates a tenant and prints its id. Then, with KREDO_DEV_AUTH=1, get a token for it with
  pnpm kredo token --tenant <id>
and create its first administration with POST /api/v1/administrations.`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { name: { type: 'string' } },
      strict: true,
    });
    if (positionals[0] !== 'create') throw new UsageError('the only tenant action is "create"');
    const name = values.name?.trim();
    if (!name || name.length > 200) throw new UsageError('--name is required (1 to 200 characters)');
    const config = loadConfig();
    const database = await openDatabase(config);
    try {
      const orm = await createOrm(database.url, 2);
      try {
        await migrate(orm);
        const tenant = await createTenant(orm, name);
        console.log(tenant.id);
      } finally {
        await orm.close(true);
      }
    } finally {
      await database.stop();
    }
    return 0;
  },
};
