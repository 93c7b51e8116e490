import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { extractText } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { createTestApi } from '../app/test-api.ts';
import { insightLedger } from '../insight/test-insight-ledger.ts';
import { environmentLanguage } from './report-command.ts';
import { cliNodeArgs } from './test-cli.ts';

// The CLI as a process (tsx compiles it on start: seconds each, more on a loaded machine).
const CLI_TEST_TIMEOUT_MS = 120_000;

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const { db, newTenant } = await createTestApi();
const { api, tenantId, administrationId } = await newTenant('CLI reports BV');
const ledger = insightLedger(api, administrationId);
const debtor = await ledger.debtor('Carla');
await ledger.invoice(debtor, 70_000, '2026-03-01', '2026-04-01'); // 90 days past due on 30 June: 61–90
const out = await mkdtemp(join(tmpdir(), 'kredo-report-'));

// The shell's locale picks the language when --lang is not given: English here, whatever the machine's.
const ENGLISH = { LC_ALL: 'C.UTF-8', LC_MESSAGES: '', LANG: '' };

async function kredo(...args: string[]) {
  return kredoIn(ENGLISH, ...args);
}

async function kredoIn(locale: Record<string, string>, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, cliNodeArgs(...args), {
      cwd: join(here, '../..'),
      env: {
        ...process.env,
        ...locale,
        DATABASE_URL: db.url,
        KREDO_LOG_LEVEL: 'silent',
        KREDO_CALLER_CWD: out,
      },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('kredo report', { timeout: CLI_TEST_TIMEOUT_MS }, () => {
  it('writes the PDF under its own name where it was typed, and a CSV table where asked', async () => {
    const pdf = await kredo(
      'report',
      'ageing',
      '--tenant',
      tenantId,
      '--administration',
      'main',
      '--as-of',
      '2026-06-30',
    );
    expect(pdf.stderr).toBe('');
    expect(pdf.code).toBe(0);
    expect(pdf.stdout).toMatch(/ageing-2026-06-30\.pdf: ageing report as of 2026-06-30, [\d,]+ bytes/);
    const { text } = await extractText(new Uint8Array(await readFile(join(out, 'ageing-2026-06-30.pdf'))), {
      mergePages: true,
    });
    expect(text).toContain('Administration: CLI reports BV (main)');
    expect(text).toContain('Ageing (EUR)');

    const csv = await kredo(
      'report',
      'ageing',
      '--tenant',
      tenantId,
      '--as-of',
      '2026-06-30',
      '--format',
      'csv',
      '--table',
      'totals',
      '--out',
      'totals.csv',
    );
    expect(csv.code).toBe(0);
    expect(parse(await readFile(join(out, 'totals.csv')), { columns: true })).toEqual([
      expect.objectContaining({ currency: 'EUR', open_amount: '700.00', overdue_amount: '700.00' }),
    ]);
  });

  it('writes the report in the language asked for', async () => {
    const pdf = await kredo(
      'report',
      'ageing',
      `--tenant=${tenantId}`,
      '--as-of=2026-06-30',
      '--lang=nl',
      '--out=ouderdom.pdf',
    );
    expect(pdf.code).toBe(0);
    const { text } = await extractText(new Uint8Array(await readFile(join(out, 'ouderdom.pdf'))), {
      mergePages: true,
    });
    expect(text).toContain('Ouderdomsanalyse openstaande posten');
    expect(text).toContain('Per 30 jun 2026');
    expect(text).toContain('61–90 dagen');
    expect(text).toContain('700,00');
  });

  it('writes in the language of the shell’s locale when --lang is not given', async () => {
    const pdf = await kredoIn(
      { LC_ALL: '', LC_MESSAGES: '', LANG: 'de_DE.UTF-8' },
      'report',
      'ageing',
      `--tenant=${tenantId}`,
      '--as-of=2026-06-30',
      '--out=altersstruktur.pdf',
    );
    expect(pdf.code).toBe(0);
    const { text } = await extractText(new Uint8Array(await readFile(join(out, 'altersstruktur.pdf'))), {
      mergePages: true,
    });
    expect(text).toContain('61–90 Tage');
    expect(environmentLanguage({ LC_ALL: 'fr_CH.UTF-8', LANG: 'nl_NL.UTF-8' })).toBe('fr');
    expect(environmentLanguage({ LC_ALL: '', LC_MESSAGES: 'nl_BE@euro', LANG: 'de_DE' })).toBe('nl');
    expect(environmentLanguage({ LANG: 'C.UTF-8' })).toBe('en');
    expect(environmentLanguage({ LANG: 'es_ES.UTF-8' })).toBe('en');
    expect(environmentLanguage({})).toBe('en');
  });

  it('writes the forecast of the tenant’s only administration as XLSX', async () => {
    const xlsx = await kredo(
      'report',
      'forecast',
      '--tenant',
      tenantId,
      '--format',
      'xlsx',
      '--out',
      'forecast.xlsx',
    );
    expect(xlsx.code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(join(out, 'forecast.xlsx'))) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Forecast', 'Summary', 'Report']);
    expect(workbook.getWorksheet('Forecast')?.rowCount).toBe(14); // the header and 13 weeks
  });

  it('exits 2 naming the flag for usage mistakes', async () => {
    expect((await kredo('report')).code).toBe(2);
    const format = await kredo('report', 'ageing', '--tenant', tenantId, '--format', 'docx');
    expect(format.code).toBe(2);
    expect(format.stderr.trim()).toBe('kredo: --format must be one of csv, xlsx, pdf (got "docx")');
    const lang = await kredo('report', 'ageing', '--tenant', tenantId, '--lang', 'es');
    expect(lang.code).toBe(2);
    expect(lang.stderr.trim()).toBe('kredo: --lang must be one of nl, en, de, fr (got "es")');
    const edges = await kredo('report', 'ageing', '--tenant', tenantId, '--edges', '60,30');
    expect(edges.code).toBe(2);
    expect(edges.stderr.trim()).toBe('kredo: --edges: must be above the edge before it');
    const table = await kredo('report', 'kpis', '--tenant', tenantId, '--format', 'csv', '--table', 'nope');
    expect(table.code).toBe(2);
    expect(table.stderr.trim()).toBe("kredo: --table: the kpis report's tables are kpis, activity");
  });
});
