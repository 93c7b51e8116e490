import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { dunningApiRoutes } from '../dunning/dunning-module.ts';
import { defaultStrategy, seedPortfolio } from '../dunning/test-dunning-ledger.ts';
import { cliNodeArgs } from './test-cli.ts';

// Each test starts the CLI as a process (tsx compiles it on start): seconds each on a quiet machine,
// many more on a loaded 2-core one, so these tests get more than the suite's 30 s.
const CLI_TEST_TIMEOUT_MS = 120_000;

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const { db, newTenant } = await createTestApi({ routes: ({ orm }) => dunningApiRoutes({ orm }) });
const { api, tenantId, administrationId } = await newTenant('CLI dunning BV');
await defaultStrategy(api, administrationId);
await seedPortfolio(api, administrationId);

async function kredo(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, cliNodeArgs(...args), {
      cwd: join(here, '../..'),
      env: { ...process.env, DATABASE_URL: db.url, KREDO_LOG_LEVEL: 'silent' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('kredo dunning run', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('prints what a dry run would do, then runs for real, then finds nothing more to do that day', async () => {
    const dry = await kredo(
      'dunning',
      'run',
      '--tenant',
      tenantId,
      '--administration',
      'main',
      '--as-of',
      '2026-10-08',
      '--dry-run',
    );
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^main: dry run drn_\w+ as of 2026-10-08$/m);
    expect(dry.stdout).toMatch(/actions would create: email 10/);
    expect(dry.stdout).toMatch(
      /- First reminder \(e-mail\) under strategy Standard v1, step 1, for 2 invoices overdue 7 and 3 days, € 150.00/,
    );

    const real = await kredo(
      'dunning',
      'run',
      '--tenant',
      tenantId,
      '--administration',
      'main',
      '--as-of',
      '2026-10-08',
    );
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(/actions created: email 10/);
    expect(real.stdout).toMatch(/episodes started: 10, closed: 0; holds ended: 0/);

    const again = await kredo('dunning', 'run', '--tenant', tenantId, '--as-of', '2026-10-08', '--json');
    expect(again.code).toBe(0);
    const [result] = JSON.parse(again.stdout);
    expect(result.run.summary).toMatchObject({ actionsCreated: {}, skipped: { taken_today: 10 } });
  });

  it('exits 2 for usage mistakes, with one line', async () => {
    expect((await kredo('dunning')).code).toBe(2);
    const date = await kredo('dunning', 'run', '--tenant', tenantId, '--as-of', '8-10-2026');
    expect(date.code).toBe(2);
    expect(date.stderr.trim()).toBe('kredo: --as-of must be a date as YYYY-MM-DD (got "8-10-2026")');
    const chunk = await kredo('dunning', 'run', '--tenant', tenantId, '--chunk-size', '0');
    expect(chunk.code).toBe(2);
    expect(chunk.stderr.trim()).toBe('kredo: --chunk-size must be a whole number from 1 to 100000 (got "0")');
    const unknown = await kredo('dunning', 'run', '--tenant', tenantId, '--administration', 'NOPE');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toBe(`kredo: No administration with code NOPE in tenant ${tenantId}`);
  });

  it('explains itself with --help', async () => {
    const help = await kredo('dunning', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: pnpm kredo dunning run/);
  });
});
