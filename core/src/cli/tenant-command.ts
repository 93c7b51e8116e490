import { parseArgs } from 'node:util';
import { createApiClient, migrateIdentity } from '@kredo/identity';
import pg from 'pg';
import { openDatabase } from '../app/database.ts';
import { ALL_SCOPES } from '../auth/principal.ts';
import { ROLE_SCOPES, TENANT_FREE_SCOPES } from '../auth/roles.ts';
import { type Config, loadConfig } from '../config/load-config.ts';
import { createOrm, migrate, type Orm } from '../db/orm.ts';
import { checkTenant, createTenant } from '../tenants/tenant-service.ts';
import { type Command, UsageError } from './command.ts';

/** Who the audit log names for a client the CLI made: someone at the server, not a signed-in person. */
const CLI_ACTOR = { actorId: 'kredo-cli', ip: null };

/** The scopes a tenant's API client may be given: every scope that reaches the tenant's data. */
const TENANT_SCOPES: readonly string[] = ALL_SCOPES.filter((scope) => !TENANT_FREE_SCOPES.includes(scope));

export const tenantCommand: Command = {
  name: 'tenant',
  summary: 'Create a tenant, or an API client for it (pnpm kredo tenant create --name "Acme B.V.")',
  help: `Usage: pnpm kredo tenant create --name <name>
       pnpm kredo tenant api-client --tenant <ten_…> --name <name> [--scope "ledger:read …"]

create      Creates a tenant and prints its id.
api-client  Creates an API client (client credentials) for a tenant and prints its id and secret,
            shown once: how a new tenant gets its first access token, before it has any people.
            Default scopes: an admin's (${ROLE_SCOPES.admin.join(' ')}).
            Then: KREDO_CLIENT_SECRET=<secret> pnpm kredo token --client-id <id> --scope "…", and
            invite the tenant's people with POST /api/v1/users. Recorded in the audit log.`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { name: { type: 'string' }, tenant: { type: 'string' }, scope: { type: 'string' } },
      strict: true,
    });
    const action = positionals[0];
    if (action !== 'create' && action !== 'api-client')
      throw new UsageError('the tenant actions are "create" and "api-client"');
    const name = values.name?.trim();
    if (!name || name.length > 200) throw new UsageError('--name is required (1 to 200 characters)');
    if (action === 'create') {
      await withDatabase(loadConfig(), async (orm) => console.log((await createTenant(orm, name)).id));
      return 0;
    }
    if (!values.tenant) throw new UsageError('--tenant is required');
    const tenantId = values.tenant;
    const scopes = values.scope?.split(/[\s,]+/).filter(Boolean) ?? [...ROLE_SCOPES.admin];
    const unknown = scopes.find((scope) => !TENANT_SCOPES.includes(scope));
    if (unknown) throw new UsageError(`--scope: ${unknown} is not one of ${TENANT_SCOPES.join(', ')}`);
    await withDatabase(loadConfig(), async (orm, url) => {
      await checkTenant(orm, tenantId);
      const pool = new pg.Pool({ connectionString: url, max: 1 });
      try {
        await migrateIdentity(pool);
        const client = await createApiClient(pool, { tenantId, name, scopes }, CLI_ACTOR);
        console.log(`client id      ${client.clientId}`);
        console.log(`client secret  ${client.clientSecret}   (shown this once)`);
        console.log(`scopes         ${client.scopes.join(' ')}`);
      } finally {
        await pool.end();
      }
    });
    return 0;
  },
};

/** Opens the database (embedded unless DATABASE_URL), migrated, for one piece of work. */
async function withDatabase(config: Config, work: (orm: Orm, url: string) => Promise<void>): Promise<void> {
  const database = await openDatabase(config);
  try {
    const orm = await createOrm(database.url, 2);
    try {
      await migrate(orm);
      await work(orm, database.url);
    } finally {
      await orm.close(true);
    }
  } finally {
    await database.stop();
  }
}
