import { parseArgs } from 'node:util';
import { openDatabase } from '../app/database.ts';
import { loadConfig } from '../config/load-config.ts';
import { createOrm, migrate, type Orm } from '../db/orm.ts';
import { tenantEm } from '../db/tenant-scope.ts';
import { DEMO_TENANT_ID } from '../demo/seed-demo.ts';
import { type GrantParts, SecretBox, secretsKey } from '../marketplace/index.ts';
import { DomainError } from '../shared/errors.ts';
import { checkTenant } from '../tenants/tenant-service.ts';
import { type Command, UsageError } from './command.ts';
import { ACTIONS, type ActionInput, type ActionResult } from './plugins-actions.ts';
import { grantFlags } from './plugins-grant.ts';
import type { PluginsIo } from './plugins-settings.ts';

const HELP = `Usage: pnpm kredo plugins <action> [arguments] [--tenant <ten_…>] [--json]

The marketplace from the command line, for a tenant's admin (the same rules as the REST API).
The actions on installations work for the tenant given as --tenant T, by default the demo tenant.

  catalogue [pluginId]                   plugins and versions: capabilities, scopes asked for, origins, where secrets go
      pnpm kredo plugins catalogue
  list [--tenant T]                      the tenant's installations (secrets shown only as "set")
      pnpm kredo plugins list --tenant ten_…
  install <pluginId>@<version> [--tenant T] --grant <scope,scope> [settings]
      grant exactly the scopes the version asks for; a new installation is disabled
      pnpm kredo plugins install com.example.paylink@1.0.0 --tenant ten_… \\
        --grant invoices:read,payments:write --set mode=test --secret-env apiKey=PAYLINK_API_KEY
  configure <installationId> [--tenant T] [settings] [--unset key …]
      pnpm kredo plugins configure ins_… --tenant ten_… --set mode=live --secret apiKey
  enable <installationId> [--tenant T]   (every required setting must be set)
      pnpm kredo plugins enable ins_… --tenant ten_…
  disable <installationId> [--tenant T]
      pnpm kredo plugins disable ins_… --tenant ten_…
  upgrade <installationId> <version> [--tenant T] [grants]
      grant only what the new version asks for that is not granted yet (a refusal names the flags)
      pnpm kredo plugins upgrade ins_… 2.0.0 --tenant ten_… --grant debtors:read \\
        --grant-origin https://files.example.com --grant-secret apiKey=https://files.example.com
  uninstall <installationId> [--tenant T]
      deletes its grant, settings, secrets and storage
      pnpm kredo plugins uninstall ins_… --tenant ten_…

Grants (upgrade: only what the new version adds; install: --grant, exactly the scopes):
  --grant scope,…            scopes
  --grant-origin origin,…    origins it may connect to
  --grant-secret key=origin  an origin a secret may be sent to
  --grant-hook hook,…        hooks it runs on
  --grant-webhook name,…     inbound webhooks
  --grant-capability name,…  capabilities

Settings:
  --set key=value        a non-secret setting (numbers and true/false as the field's type says)
  --unset key            remove a setting or a secret
  --secret key           a secret, read from stdin: one line per --secret, in the order given
                         (prompted without echo on a terminal), e.g.
                         printf '%s\\n' "$API_KEY" | pnpm kredo plugins configure ins_… --tenant ten_… --secret apiKey
  --secret-env key=VAR   a secret, read from environment variable VAR
Secret values are never taken as arguments (they would show in ps and shell history), never printed.
  --json                 print the result as JSON
Exit code 0 on success, 1 when the marketplace refuses (unknown installation, wrong grant, …),
2 for a usage mistake.`;

export const pluginsCommand: Command = {
  name: 'plugins',
  summary: 'Browse the plugin catalogue; install, configure, enable, upgrade, uninstall plugins',
  help: HELP,
  run: (args) => runPlugins(args, processIo()),
};

/** The command with its streams and environment given: what tests drive. */
export async function runPlugins(argv: string[], io: PluginsIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        tenant: { type: 'string' },
        grant: { type: 'string', multiple: true },
        'grant-origin': { type: 'string', multiple: true },
        'grant-secret': { type: 'string', multiple: true },
        'grant-hook': { type: 'string', multiple: true },
        'grant-webhook': { type: 'string', multiple: true },
        'grant-capability': { type: 'string', multiple: true },
        set: { type: 'string', multiple: true },
        unset: { type: 'string', multiple: true },
        secret: { type: 'string', multiple: true },
        'secret-env': { type: 'string', multiple: true },
        json: { type: 'boolean', default: false },
      },
    });
    const [name, ...args] = positionals;
    const action = name ? ACTIONS[name] : undefined;
    if (!action)
      throw new UsageError(`${name ? `unknown action "${name}"` : 'an action is required'}; ${actionList()}`);
    const { tenant, json, ...flags } = values;
    checkCall(name as string, action, args, flags, tenant);
    const result = await withOrm(io, async (orm, box) => {
      const input: ActionInput = { orm, args, flags, io };
      if (!action.tenant) return action.run(input);
      const tenantId = tenant ?? DEMO_TENANT_ID;
      await checkTenant(orm, tenantId);
      return action.run({ ...input, plugins: { em: tenantEm(orm, tenantId), tenantId, box } });
    });
    io.out(json ? `${JSON.stringify(result.json, null, 2)}\n` : result.text);
    return 0;
  } catch (error) {
    if (error instanceof DomainError) {
      io.err(`kredo plugins: ${explain(error)}\n`);
      return 1;
    }
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`kredo plugins: ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
}

function checkCall(
  name: string,
  action: (typeof ACTIONS)[string],
  args: string[],
  flags: ActionInput['flags'],
  tenant: string | undefined,
): void {
  const shape = [name, ...action.args.map((a) => `<${a}>`)].join(' ');
  if (args.length !== action.args.length && !(name === 'catalogue' && args.length === 1)) {
    throw new UsageError(`usage: plugins ${shape}${action.tenant ? ' [--tenant <tenantId>]' : ''}`);
  }
  if (!action.tenant && tenant) throw new UsageError(`${name} is not a tenant's: leave out --tenant`);
  for (const flag of Object.keys(flags) as (keyof typeof flags)[]) {
    if (flags[flag] !== undefined && !action.flags.includes(flag)) {
      throw new UsageError(`${name} does not take --${flag}`);
    }
  }
}

async function withOrm(io: PluginsIo, work: (orm: Orm, box: SecretBox) => Promise<ActionResult>) {
  const config = loadConfig(io.env);
  const box = new SecretBox(await secretsKey(config.dataDir, config.secretsKey));
  const database = await openDatabase(config);
  try {
    const orm = await createOrm(database.url, 2);
    try {
      await migrate(orm);
      return await work(orm, box);
    } finally {
      await orm.close(true);
    }
  } finally {
    await database.stop();
  }
}

/** The service's message, with the API's field names turned into this command's flags. */
function explain(error: DomainError): string {
  const message = error.message
    .replace(/^(grantedScopes|grant\.scopes): /, '--grant: ')
    .replace(
      /^grant\.(origins|hooks|webhooks|capabilities): /,
      (_all, part: string) => `--grant-${singular(part)}: `,
    )
    .replace(/^grant\.secretOrigins\.(\w+): /, '--grant-secret $1: ')
    .replace(/^config\.(\w+): /, 'setting $1: ')
    .replace(/^secrets\.(\w+): /, 'secret $1: ');
  const widens = error.details?.widens as GrantParts | undefined;
  if (error.code === 'grant_required' && widens) return `${message} (grant it with ${grantFlags(widens)})`;
  return message;
}

/** `origins` → `origin`, `capabilities` → `capability`: the flag of a grant part. */
function singular(part: string): string {
  return part.replace(/ies$/, 'y').replace(/s$/, '');
}

function actionList(): string {
  return `actions: ${Object.keys(ACTIONS).join(', ')} (pnpm kredo plugins --help)`;
}

function processIo(): PluginsIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    stdin: process.stdin,
    env: process.env,
  };
}
