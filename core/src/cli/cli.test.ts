import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { apiResource, startKredoIdentity } from '../app/identity.ts';
import { createTestApi } from '../app/test-api.ts';
import { identityTokenVerifier } from '../auth/identity-token.ts';
import type { TokenVerifier } from '../auth/principal.ts';
import { ROLE_SCOPES } from '../auth/roles.ts';
import { loadConfig } from '../config/load-config.ts';
import { freePort } from '../shared/free-port.ts';
import { kredoLogger } from '../shared/kredo-logger.ts';
import { cliNodeArgs } from './test-cli.ts';

// Each test starts the CLI as a process (tsx compiles it on start): seconds each on a quiet machine,
// many more on a loaded 2-core one, so these tests get more than the suite's 30 s.
const CLI_TEST_TIMEOUT_MS = 120_000;

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '../imports/fixtures');
// The API takes the test issuer's tokens and those of the identity server started on its database below.
let verifier: TokenVerifier | undefined;
const { db, newTenant, server } = await createTestApi({
  identity: { verify: (token) => (verifier as TokenVerifier).verify(token) },
});
const tenant = await newTenant('CLI BV');
// The identity server on the test database, as `kredo start` runs it beside core.
const identityPort = await freePort();
const config = loadConfig(
  {},
  {
    identityPort,
    identityPublicUrl: `http://127.0.0.1:${identityPort}`,
    publicUrl: 'http://127.0.0.1:3000',
    dataDir: await mkdtemp(join(tmpdir(), 'kredo-cli-data-')),
  },
);
const identity = await startKredoIdentity(config, db.url, kredoLogger('silent'));
afterAll(() => identity.close());
verifier = identityTokenVerifier({ issuer: identity.issuer, audience: apiResource(config) });

/** Runs the real `kredo` CLI as `pnpm kredo` does, from the fixtures folder as the caller's directory. */
async function kredo(...args: string[]) {
  return kredoWith({}, ...args);
}

async function kredoWith(env: Record<string, string>, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, cliNodeArgs(...args), {
      cwd: join(here, '../..'),
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        KREDO_CALLER_CWD: fixtures,
        KREDO_LOG_LEVEL: 'silent',
        ...env,
      },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** `kredo import` into the test tenant's administration "main". */
const kredoImport = (...args: string[]) =>
  kredo('import', '--tenant', tenant.tenantId, '--administration', 'main', ...args);

describe('kredo CLI', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('imports files given relative to the caller’s directory and reports a summary', async () => {
    const res = await kredoImport('--format', 'debtors', 'debtors.csv');
    expect(res.stderr).toBe('');
    expect(res.stdout).toMatch(/debtors\.csv: 3 created, 0 updated, 0 unchanged, 0 rejected/);
    expect(res.code).toBe(0);
  });

  it('lists every rejected row with its line and exits 3', async () => {
    const res = await kredoImport('--format', 'invoices', 'invoices-bad-rows.csv');
    expect(res.code).toBe(3);
    expect(res.stdout).toMatch(/invoices-bad-rows\.csv:3: issue_date: /);
    expect(res.stdout).toMatch(/rejected/);
  });

  it('exits 2 with one line for usage mistakes', async () => {
    expect((await kredo('frobnicate')).code).toBe(2);
    const unknown = await kredo(
      'import',
      '--tenant',
      tenant.tenantId,
      '--administration',
      'NOPE',
      '--format',
      'debtors',
      'debtors.csv',
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toBe(
      `kredo: No administration with code NOPE in tenant ${tenant.tenantId}`,
    );
  });

  it('imports bank statements, their format read from the content, each to its account’s administration', async () => {
    const statements = '../../bank-statements/fixtures';
    // The ING file's first credit (€968.00, betalingskenmerk 3000020269001040) pays this invoice.
    const { administrationId } = tenant;
    const debtor = await tenant.api('POST', '/api/v1/debtors', {
      administrationId,
      number: 'ING-1',
      name: 'Payer',
    });
    const invoice = await tenant.api('POST', '/api/v1/invoices', {
      administrationId,
      debtorId: debtor.body.id,
      number: 'F-968',
      issueDate: '2026-11-01',
      amount: 968_00,
      paymentReference: '3000020269001040',
    });
    expect(invoice.status).toBe(201);
    const given = await kredoImport(`${statements}/camt053-v5-ing.xml`, `${statements}/mt940-rabobank.swi`);
    expect(given.stderr).toBe('');
    expect(given.stdout).toMatch(
      /camt053-v5-ing\.xml: camt\.053\.001\.05, 1 statement\(s\): 3 new, 0 already known, 0 rejected entries/,
    );
    // Matched in the CLI's own process: the credit paid the invoice, the other credit and the debit wait.
    expect(given.stdout).toMatch(
      /camt053-v5-ing\.xml: matching: 1 matched, 2 queued for reconciliation, 0 returned, 0 failed\n/,
    );
    expect((await tenant.api('GET', `/api/v1/invoices/${invoice.body.id}`)).body.status).toBe('paid');
    expect(given.stdout).toMatch(
      /mt940-rabobank\.swi: mt940, 2 statement\(s\): 4 new, 0 already known, 0 rejected entries/,
    );
    expect(given.code).toBe(0);
    // Without --administration: the account registered on one decides; the same file again adds nothing.
    await tenant.api('PUT', '/api/v1/bank-accounts/NL91ABNA0417164300', {
      administrationId: tenant.administrationId,
    });
    const args = ['import', '--tenant', tenant.tenantId, `${statements}/mt940-abnamro.sta`];
    expect((await kredo(...args)).stdout).toMatch(
      /mt940-abnamro\.sta: mt940, 1 statement\(s\): 3 new, 0 already known/,
    );
    const again = await kredo(...args);
    expect(again.stdout).toMatch(/: known, 0 new, 3 already known, 0 rejected entries; \d+ matched, /);
    expect(again.code).toBe(0);
  });

  it('prints the configuration table for the docs', async () => {
    const res = await kredo('config', '--markdown');
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/\| `DATABASE_URL` \| \(unset\) \|/);
  });
});

describe('kredo CLI errors about files', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('names a missing file and a file it cannot read', async () => {
    const missing = await kredoImport('--format', 'debtors', 'nope.csv');
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe('kredo: nope.csv: no such file');
    const wrong = await kredoImport('--format', 'invoices', 'debtors.csv');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^kredo: debtors\.csv: .*invoice_number/);
  });
});

describe('kredo import and file encodings, as the API reads them', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  const importFile = (file: string, ...more: string[]) => kredoImport('--format', 'debtors', ...more, file);

  /** A file of these bytes (written as Latin-1 code units) in a folder of its own; its path. */
  async function file(name: string, bytes: string): Promise<string> {
    const path = join(await mkdtemp(join(tmpdir(), 'kredo-cli-')), name);
    await writeFile(path, Buffer.from(bytes, 'latin1'));
    return path;
  }

  it('reads a Windows-1252 file, detected or declared, and says which encoding it used', async () => {
    const ansi = await file('ansi.csv', 'debtor_number;name\nW-1;Gr\xfc\xdfe \x80\n');
    const detected = await importFile(ansi);
    expect(detected.code).toBe(0);
    expect(detected.stdout).toMatch(/warning: the file is not UTF-8: it was read as Windows-1252/);
    expect(detected.stdout).toMatch(/1 created, .* \(read as Windows-1252\)/);
    const declared = await importFile(ansi, '--encoding', 'cp1252');
    expect(declared.stdout).not.toMatch(/warning/);
    expect(declared.stdout).toMatch(/1 unchanged, 0 rejected \(read as Windows-1252\)/);
  });

  it('refuses what the API refuses, with the same message, and an unknown --encoding', async () => {
    const mixedFile = await file('mixed.csv', 'debtor_number;name\nW-2;Zo\xc3\xab\nW-3;Zo\xeb\n');
    const mixed = await importFile(mixedFile);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/mixed\.csv: the file is not UTF-8 \(first invalid character on line 3\)/);
    const unknown = await importFile(mixedFile, '--encoding', 'ebcdic');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--encoding must be one of/);
  });
});

// Six CLI processes in one test: twice the time of one.
describe('kredo tenant', { timeout: 2 * CLI_TEST_TIMEOUT_MS }, () => {
  it('creates a tenant, and an API client whose token from the identity server creates its administration', async () => {
    const res = await kredo('tenant', 'create', '--name', 'Nieuw B.V.');
    expect(res.code).toBe(0);
    const id = res.stdout.trim();
    expect(id).toMatch(/^ten_[0-9a-z]{26}$/);
    expect((await kredo('tenant', 'create')).code).toBe(2);

    const made = await kredo('tenant', 'api-client', '--tenant', id, '--name', 'Setup');
    expect(made.code).toBe(0);
    const clientId = made.stdout.match(/client id +(cli_\w+)/)?.[1] as string;
    const clientSecret = made.stdout.match(/client secret +(\S+)/)?.[1] as string;
    expect(made.stdout).toContain(`scopes         ${ROLE_SCOPES.admin.join(' ')}`);

    const env = { KREDO_IDENTITY_ISSUER: identity.issuer, KREDO_CLIENT_SECRET: clientSecret };
    const printed = await kredoWith(env, 'token', '--client-id', clientId, '--scope', 'ledger:write');
    expect(printed).toMatchObject({ code: 0, stderr: '' });
    const token = printed.stdout.trim();
    expect(await verifier?.verify(token)).toEqual({
      subject: clientId,
      tenantId: id,
      scopes: ['ledger:write'],
    });
    const created = await server.inject({
      method: 'POST',
      url: '/api/v1/administrations',
      payload: { code: 'main', name: 'Nieuw', country: 'NL' },
      headers: { authorization: `Bearer ${token}` },
    });
    expect(created.statusCode).toBe(201);

    const unknown = await kredo('tenant', 'api-client', '--tenant', 'ten_nobody', '--name', 'X');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/ten_nobody/);
    const partner = await kredo(
      'tenant',
      'api-client',
      '--tenant',
      id,
      '--name',
      'X',
      '--scope',
      'marketplace:publish',
    );
    expect(partner.code).toBe(2);
    expect(partner.stderr).toMatch(/--scope: marketplace:publish is not one of/);
  });
});
