import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { withTenantClient } from '../db/tenant-scope.ts';
import { DEMO_TENANT_ID } from '../demo/seed-demo.ts';
import { createTestPartner } from '../marketplace/test-partner.ts';
import { runPlugins } from './plugins-command.ts';
import { cliNodeArgs } from './test-cli.ts';

const here = dirname(fileURLToPath(import.meta.url));
const { db, caller, newTenant, secretsKey } = await createTestApi();
const acme = await newTenant('Acme');
const globex = await newTenant('Globex');
const partner = await createTestPartner(caller, acme.tenantId, 'Example B.V.');
const PLUGIN = 'com.example.paylink';
const ENV_SECRET = 'sk_env_Zq81VeryPrivate';
const STDIN_SECRET = 'sk_stdin_Pw42AlsoPrivate';

// The settings a tenant gives on install: one select, one number, one secret.
const settings = [
  {
    key: 'mode',
    type: 'select',
    label: 'Mode',
    required: true,
    options: [
      { value: 'test', label: 'Test' },
      { value: 'live', label: 'Live' },
    ],
  },
  { key: 'retries', type: 'number', label: 'Retries' },
  { key: 'apiKey', type: 'string', label: 'API key', secret: true, required: true },
];
// 2.0.0 asks for more: a scope, an origin, and the API key sent to that origin too.
for (const [version, scopes, origins] of [
  ['1.0.0', ['invoices:read', 'payments:write'], ['https://api.example.com']],
  [
    '2.0.0',
    ['invoices:read', 'payments:write', 'debtors:read'],
    ['https://api.example.com', 'https://files.example.com'],
  ],
] as const) {
  await partner.release(
    {
      id: PLUGIN,
      version,
      capabilities: ['payLink'],
      scopes: [...scopes],
      http: { origins: [...origins] },
      config: settings,
    },
    `export default ${JSON.stringify(version)}`,
  );
}

const env = {
  ...process.env,
  DATABASE_URL: db.url,
  KREDO_SECRETS_KEY: secretsKey.toString('base64'),
  KREDO_LOG_LEVEL: 'silent',
};
/** Everything any run printed, to prove no secret value ever reached stdout or stderr. */
const printed: string[] = [];

async function plugins(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runPlugins(args, {
    out: (text) => {
      stdout += text;
    },
    err: (text) => {
      stderr += text;
    },
    stdin: Readable.from(options.stdin === undefined ? [] : [options.stdin]),
    env: { ...env, ...options.env },
  });
  printed.push(stdout, stderr);
  return { code, stdout, stderr };
}

const asAcme = ['--tenant', acme.tenantId];
let installationId = '';

describe('kredo plugins', () => {
  it('shows the catalogue: every version with its capabilities, scopes, origins and where secrets go', async () => {
    const res = await plugins(['catalogue']);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(
      /^PLUGIN\s+VERSION\s+NAME\s+PUBLISHER\s+CAPABILITIES\s+SCOPES ASKED FOR\s+CONNECTS TO\s+SECRETS GO TO/,
    );
    expect(res.stdout).toMatch(
      /1\.0\.0\s+.*https:\/\/api\.example\.com\s+apiKey → https:\/\/api\.example\.com\n/,
    );
    expect(res.stdout).toMatch(
      /com\.example\.paylink\s+2\.0\.0\s+.*payLink\s+invoices:read, payments:write, debtors:read/,
    );
    expect(res.stdout).toMatch(/com\.example\.paylink\s+1\.0\.0\s+.*Example B\.V\./);
    const json = JSON.parse((await plugins(['catalogue', '--json'])).stdout);
    expect(json.map((v: { version: string }) => v.version)).toEqual(['2.0.0', '1.0.0']);
  });

  it('refuses a grant that is not exactly what the version asks for, naming the scope', async () => {
    const res = await plugins(['install', `${PLUGIN}@1.0.0`, ...asAcme, '--grant', 'invoices:read']);
    expect(res.code).toBe(1);
    expect(res.stderr).toBe('kredo plugins: --grant: must also grant payments:write\n');
    const extra = await plugins([
      'install',
      `${PLUGIN}@1.0.0`,
      ...asAcme,
      '--grant',
      'invoices:read,payments:write,debtors:read',
    ]);
    expect(extra.code).toBe(1);
    expect(extra.stderr).toMatch(/debtors:read not requested/);
    expect((await plugins(['install', `${PLUGIN}@9.9.9`, ...asAcme])).stderr).toMatch(
      /com\.example\.paylink@9\.9\.9 is not published/,
    );
  });

  it('installs with the exact grant and a secret from the environment, never printing it', async () => {
    const res = await plugins(
      [
        'install',
        `${PLUGIN}@1.0.0`,
        ...asAcme,
        '--grant',
        'payments:write,invoices:read',
        '--set',
        'mode=test',
        '--secret-env',
        'apiKey=PAYLINK_KEY',
        '--json',
      ],
      { env: { PAYLINK_KEY: ENV_SECRET } },
    );
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const installed = JSON.parse(res.stdout);
    expect(installed).toMatchObject({
      pluginId: PLUGIN,
      version: '1.0.0',
      grantedScopes: ['invoices:read', 'payments:write'],
      config: { mode: 'test' },
      secrets: { apiKey: 'set' },
      enabled: false,
    });
    installationId = installed.id;
    // The grant is stored: the API reads the same installation back.
    const read = await acme.api('GET', `/api/v1/plugins/installations/${installationId}`);
    expect(read.body).toMatchObject({
      grantedScopes: ['invoices:read', 'payments:write'],
      secrets: { apiKey: 'set' },
    });
  });

  it('configures settings and a secret read from stdin, and lists it with secrets only as "set"', async () => {
    const res = await plugins(
      [
        'configure',
        installationId,
        ...asAcme,
        '--set',
        'mode=live',
        '--set',
        'retries=3',
        '--secret',
        'apiKey',
      ],
      { stdin: `${STDIN_SECRET}\n` },
    );
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/settings\s+mode=live, retries=3/);
    expect(res.stdout).toMatch(/secrets\s+apiKey=set/);
    const list = await plugins(['list', ...asAcme]);
    expect(list.stdout).toMatch(/^ID\s+PLUGIN\s+ENABLED\s+GRANTED SCOPES/);
    expect(list.stdout).toMatch(
      new RegExp(`${installationId}\\s+${PLUGIN}@1\\.0\\.0\\s+no\\s+invoices:read, payments:write`),
    );
    const json = JSON.parse((await plugins(['list', ...asAcme, '--json'])).stdout);
    expect(json).toEqual([
      expect.objectContaining({ id: installationId, config: { mode: 'live', retries: 3 } }),
    ]);

    expect((await plugins(['configure', installationId, ...asAcme, '--secret', 'apiKey'])).stderr).toMatch(
      /--secret apiKey: no value on line 1 of stdin/,
    );
    const onArgv = await plugins(['configure', installationId, ...asAcme, '--set', `apiKey=${STDIN_SECRET}`]);
    expect(onArgv.code).toBe(2);
    expect(onArgv.stderr).toMatch(/apiKey is a secret: give it with --secret apiKey/);
    expect(onArgv.stderr).not.toContain(STDIN_SECRET);
  });

  it('enables and disables; enabling needs every required setting', async () => {
    const enabled = await plugins(['enable', installationId, ...asAcme, '--json']);
    expect(JSON.parse(enabled.stdout).enabled).toBe(true);
    const disabled = await plugins(['disable', installationId, ...asAcme]);
    expect(disabled.stdout).toMatch(/enabled\s+no/);
    await plugins(['configure', installationId, ...asAcme, '--unset', 'apiKey']);
    const refused = await plugins(['enable', installationId, ...asAcme]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      'kredo plugins: secret apiKey: is required before the plugin can be enabled\n',
    );
  });

  it('upgrades only when what widens is granted, naming the flags that grant it', async () => {
    const refused = await plugins(['upgrade', installationId, '2.0.0', ...asAcme]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `kredo plugins: ${PLUGIN}@2.0.0 asks for more than was granted: scopes debtors:read; ` +
        'origins https://files.example.com; secret apiKey to https://files.example.com. ' +
        'Nothing changed: 1.0.0 keeps running until an upgrade grants it (grant it with ' +
        '--grant debtors:read --grant-origin https://files.example.com --grant-secret apiKey=https://files.example.com)\n',
    );
    const partly = await plugins(['upgrade', installationId, '2.0.0', ...asAcme, '--grant', 'debtors:read']);
    expect(partly.stderr).toMatch(
      /asks for more than was granted: origins https:\/\/files\.example\.com; secret/,
    );
    const unasked = await plugins([
      'upgrade',
      installationId,
      '2.0.0',
      ...asAcme,
      '--grant-hook',
      'invoice.overdue',
    ]);
    expect(unasked.stderr).toBe('kredo plugins: --grant-hook: invoice.overdue not asked for by 2.0.0\n');
    const res = await plugins([
      'upgrade',
      installationId,
      '2.0.0',
      ...asAcme,
      '--grant',
      'debtors:read',
      '--grant-origin',
      'https://files.example.com',
      '--grant-secret',
      'apiKey=https://files.example.com',
      '--json',
    ]);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({
      version: '2.0.0',
      grantedScopes: ['invoices:read', 'payments:write', 'debtors:read'],
      grant: { secretOrigins: { apiKey: ['https://api.example.com', 'https://files.example.com'] } },
    });
  });

  it('hides the installation from another tenant', async () => {
    const list = await plugins(['list', '--tenant', globex.tenantId]);
    expect(list.stdout).toBe('No plugins installed.\n');
    const other = await plugins(['uninstall', installationId, '--tenant', globex.tenantId]);
    expect(other.code).toBe(1);
    expect(other.stderr).toBe(`kredo plugins: Installation ${installationId} does not exist\n`);
    const unknown = await plugins(['list', '--tenant', 'ten_00000000000000000000000000']);
    expect(unknown.stderr).toMatch(/Tenant ten_0+ does not exist/);
  });

  it('works for the demo tenant when no --tenant is given, as import and token do', async () => {
    const missing = await plugins(['list']);
    expect(missing).toMatchObject({
      code: 1,
      stderr: `kredo plugins: Tenant ${DEMO_TENANT_ID} does not exist\n`,
    });
    await withTenantClient(db.orm, DEMO_TENANT_ID, (c) =>
      c.query(`insert into tenant (id, name) values ($1, 'Demo')`, [DEMO_TENANT_ID]),
    );
    expect(await plugins(['list'])).toMatchObject({ code: 0, stdout: 'No plugins installed.\n' });
    expect((await plugins(['catalogue', '--tenant', DEMO_TENANT_ID])).stderr).toMatch(/leave out --tenant/);
  });

  it('uninstalls', async () => {
    const res = await plugins(['uninstall', installationId, ...asAcme]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/Uninstalled ins_/);
    expect((await acme.api('GET', '/api/v1/plugins/installations')).body.data).toEqual([]);
    expect((await plugins(['uninstall', installationId, ...asAcme])).code).toBe(1);
  });

  it('answers usage mistakes with exit code 2', async () => {
    expect((await plugins(['list', 'extra'])).code).toBe(2);
    expect((await plugins(['install', PLUGIN, ...asAcme])).stderr).toMatch(/expected <pluginId>@<version>/);
    expect((await plugins(['enable', installationId, ...asAcme, '--grant', 'x'])).code).toBe(2);
    expect((await plugins(['frobnicate'])).code).toBe(2);
  });

  it('never printed a secret value', () => {
    const all = printed.join('\n');
    expect(all).not.toContain(ENV_SECRET);
    expect(all).not.toContain(STDIN_SECRET);
  });
});

describe('kredo plugins through the real CLI', () => {
  it('reads a piped secret from stdin and never prints it', async () => {
    const installed = await plugins([
      'install',
      `${PLUGIN}@1.0.0`,
      ...asAcme,
      '--grant',
      'invoices:read,payments:write',
      '--json',
    ]);
    const id = JSON.parse(installed.stdout).id as string;
    const child = spawn(
      process.execPath,
      cliNodeArgs('plugins', 'configure', id, ...asAcme, '--secret', 'apiKey', '--json'),
      { cwd: join(here, '../..'), env },
    );
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.stdin.end(`${STDIN_SECRET}\n`);
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(JSON.parse(output).secrets).toEqual({ apiKey: 'set' });
    expect(output).not.toContain(STDIN_SECRET);
  });
});
