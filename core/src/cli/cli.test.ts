import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { cliNodeArgs } from './test-cli.ts';

// Each test starts the CLI as a process (tsx compiles it on start): seconds each on a quiet machine,
// many more on a loaded 2-core one, so these tests get more than the suite's 30 s.
const CLI_TEST_TIMEOUT_MS = 120_000;

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, '../imports/fixtures');
const { db, newTenant, caller } = await createTestApi();
const tenant = await newTenant('CLI BV');

/** Runs the real `kredo` CLI as `pnpm kredo` does, from the fixtures folder as the caller's directory. */
async function kredo(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, cliNodeArgs(...args), {
      cwd: join(here, '../..'),
      env: { ...process.env, DATABASE_URL: db.url, KREDO_CALLER_CWD: fixtures, KREDO_LOG_LEVEL: 'silent' },
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

describe('kredo tenant', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('creates a tenant that an administration can then be created in', async () => {
    const res = await kredo('tenant', 'create', '--name', 'Nieuw B.V.');
    expect(res.code).toBe(0);
    const id = res.stdout.trim();
    expect(id).toMatch(/^ten_[0-9a-z]{26}$/);
    const api = await caller(id);
    const created = await api('POST', '/api/v1/administrations', {
      code: 'main',
      name: 'Nieuw',
      country: 'NL',
    });
    expect(created.status).toBe(201);
    expect((await kredo('tenant', 'create')).code).toBe(2);
  });
});
