import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findAdministrationByCode, listAdministrations } from '../administrations/administration-service.ts';
import { openDatabase } from '../app/database.ts';
import { loadConfig } from '../config/load-config.ts';
import { createOrm, migrate, type Orm } from '../db/orm.ts';
import { readAsTenant, tenantEm } from '../db/tenant-scope.ts';
import { DEMO_TENANT_ID } from '../demo/seed-demo.ts';
import {
  checkReportQuery,
  DEFAULT_REPORT_LANGUAGE,
  REPORT_FORMATS,
  REPORT_KINDS,
  REPORT_LANGUAGES,
  type ReportFormat,
  type ReportKind,
  type ReportLanguage,
  renderReport,
  reportLocale,
} from '../reports/index.ts';
import { DomainError } from '../shared/errors.ts';
import { type Command, UsageError } from './command.ts';

/** The report's query keys the command takes as flags (`asOf` as `--as-of`); each kind uses its own. */
const QUERY_FLAGS = [
  'asOf',
  'edges',
  'from',
  'to',
  'period',
  'groupBy',
  'currency',
  'granularity',
  'segmentId',
  'collector',
  'debtorId',
  'groupKey',
] as const;
const flagOf = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export const reportCommand: Command = {
  name: 'report',
  summary: 'Write an ageing, KPI, forecast or KPI series report as PDF, XLSX or CSV, in nl, en, de or fr',
  help: `Usage: pnpm kredo report <${Object.keys(REPORT_KINDS).join('|')}> [--format pdf|xlsx|csv] [--out FILE] [options]

Builds the report as GET /api/v1/reports/<kind> does and writes it to a file (default: its own name,
e.g. ageing-2026-12-18.pdf, in the directory the command was typed in). docs/reports.md describes each kind.
  --format          pdf (tables and charts, default), xlsx (a sheet per table) or csv (one table)
  --lang            nl, en, de or fr: titles, headings and labels, and in pdf and xlsx the numbers
                    and dates (a csv keeps its column keys and plain numbers); default: the language
                    of LC_ALL, LC_MESSAGES or LANG (nl_NL.UTF-8: nl) when one of these, else en
  --table           with csv: which table (ageing: ageing, totals; kpis: kpis, activity; forecast:
                    forecast, summary; kpi-series: days, missing)
  --out             the file to write
  --tenant          tenant id (default: the demo tenant)
  --administration  administration id or code (forecast: default the tenant's only one)
  --as-of           ageing, forecast: as of this business date (default today)
  --edges           ageing: bucket edges, e.g. 30,60,90
  --from, --to      kpis, kpi-series: the period; or --period previous_month (default),
                    month_to_date, previous_quarter, quarter_to_date, year_to_date
  --group-by        kpis: administration, segment, collector or debtor;
                    kpi-series: administration (default), segment or collector
  --group-key       kpi-series: only this segment's or collector's days
  --currency        forecast: default the administration's
  --granularity     forecast: week (default) or day
  --segment-id, --collector, --debtor-id   ageing, kpis: narrow the scope
Exit code 0 when written, 2 for a usage mistake.`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'pdf' },
        lang: { type: 'string' },
        table: { type: 'string' },
        out: { type: 'string' },
        tenant: { type: 'string', default: DEMO_TENANT_ID },
        administration: { type: 'string' },
        ...Object.fromEntries(QUERY_FLAGS.map((key) => [flagOf(key), { type: 'string' as const }])),
      },
      strict: true,
    });
    const kind = positionals.length === 1 ? REPORT_KINDS[positionals[0] as string] : undefined;
    if (!kind) {
      console.error(reportCommand.help);
      return 2;
    }
    const given = Object.fromEntries(
      QUERY_FLAGS.flatMap((key) => {
        const value = (values as Record<string, string | undefined>)[flagOf(key)];
        return value === undefined ? [] : [[key, value]];
      }),
    );
    const format = formatOf(values.format);
    const locale = reportLocale(values.lang === undefined ? environmentLanguage() : languageOf(values.lang));
    const step = steps();
    const config = loadConfig();
    const database = await openDatabase(config);
    const orm = await createOrm(database.url, 2);
    try {
      await migrate(orm);
      const administrationId = await administrationOf(orm, values.tenant, values.administration, kind);
      const parameters = asUsage(() => checkReportQuery(kind, { ...given, administrationId }));
      step(`reading the ledger for the ${kind.kind} report`);
      const report = await asUsageAsync(() =>
        readAsTenant(orm, values.tenant, (em) => kind.build(em, parameters, locale)),
      );
      step(`rendering ${format.toUpperCase()}`);
      const file = await asUsageAsync(() => renderReport(report, format, { table: values.table }));
      // Relative to where the command was typed (pnpm runs it in core/): as `kredo import` reads files.
      const out = resolve(
        process.env.KREDO_CALLER_CWD ?? process.env.INIT_CWD ?? process.cwd(),
        values.out ?? file.fileName,
      );
      await writeFile(out, file.body);
      step();
      console.log(
        `${out}: ${kind.kind} report as of ${report.asOf}, ${file.body.length.toLocaleString('en')} bytes`,
      );
      return 0;
    } finally {
      await orm.close(true);
      await database.stop();
    }
  },
};

function formatOf(given: string): ReportFormat {
  if ((REPORT_FORMATS as readonly string[]).includes(given)) return given as ReportFormat;
  throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')} (got "${given}")`);
}

/**
 * The report language the shell's locale asks for, as POSIX programs choose theirs: the first set of
 * LC_ALL, LC_MESSAGES and LANG (`nl_NL.UTF-8` asks for `nl`; `C` and `POSIX` for none), else English.
 */
export function environmentLanguage(env: NodeJS.ProcessEnv = process.env): ReportLanguage {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  const primary = locale?.split(/[_.@-]/)[0]?.toLowerCase();
  return REPORT_LANGUAGES.find((language) => language === primary) ?? DEFAULT_REPORT_LANGUAGE;
}

function languageOf(given: string): ReportLanguage {
  if ((REPORT_LANGUAGES as readonly string[]).includes(given)) return given as ReportLanguage;
  throw new UsageError(`--lang must be one of ${REPORT_LANGUAGES.join(', ')} (got "${given}")`);
}

/**
 * The administration by id or code. None given: every administration (the report's own default), or
 * for a report of one administration (the forecast) the tenant's only one.
 */
async function administrationOf(orm: Orm, tenantId: string, given: string | undefined, kind: ReportKind) {
  if (!given && oneAdministration(kind)) {
    const all = await listAdministrations(tenantEm(orm, tenantId), undefined, 1); // one more than the limit: 2 at most
    if (all.length !== 1)
      throw new UsageError(`--administration: the ${kind.kind} report is of one administration`);
    return (all[0] as { id: string }).id;
  }
  if (!given || given.startsWith('adm_')) return given;
  const found = await findAdministrationByCode(tenantEm(orm, tenantId), given);
  if (!found) throw new UsageError(`No administration with code ${given} in tenant ${tenantId}`);
  return found.id;
}

/**
 * Progress on a terminal: each step on stderr as it starts, with the time the one before took (the
 * ledger's read is one SQL aggregation, so there is no count to show a bar of). Pipes and CI get none.
 */
function steps(): (next?: string) => void {
  let started = Date.now();
  let current: string | undefined;
  return (next) => {
    if (!process.stderr.isTTY) return;
    if (current) process.stderr.write(` ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    current = next;
    started = Date.now();
    if (next) process.stderr.write(`${next}…`);
  };
}

/** A report's 400 names a query field (`edges[1]`); the command names the flag (`--edges`). */
function usage(error: unknown): unknown {
  if (!(error instanceof DomainError) || error.status !== 400) return error;
  const field = String((error.details as { field?: string } | undefined)?.field ?? '');
  const flag = flagOf(field.replace(/[[.].*$/, '').replace(/^administrationId$/, 'administration'));
  return new UsageError(`--${flag}: ${error.message.replace(/^[^:]*: /, '')}`);
}

function asUsage<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw usage(error);
  }
}

async function asUsageAsync<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw usage(error);
  }
}

/** Whether the kind's query requires an `administrationId` (the forecast is of one administration). */
function oneAdministration(kind: ReportKind): boolean {
  const flags = kind.query.administrationId?.describe().flags as { presence?: string } | undefined;
  return flags?.presence === 'required';
}
