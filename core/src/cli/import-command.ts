import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { parseArgs } from 'node:util';
import { findAdministrationByCode } from '../administrations/administration-service.ts';
import { openDatabase } from '../app/database.ts';
import { detectFormat, type StatementFormat, type StatementImportSummary } from '../bank-statements/index.ts';
import { loadConfig } from '../config/load-config.ts';
import { createOrm, migrate } from '../db/orm.ts';
import { tenantEm } from '../db/tenant-scope.ts';
import { DEMO_TENANT_ID } from '../demo/seed-demo.ts';
import { type ImportFormat, type ImportSummary, importFile } from '../imports/import-file.ts';
import { encodingName } from '../imports/text-decoders.ts';
import { ENCODING_LABELS, encodingNamed } from '../imports/text-encoding.ts';
import { DomainError } from '../shared/errors.ts';
import { type Command, UsageError } from './command.ts';
import { importStatementFile } from './import-statement-file.ts';
import { progressBar } from './progress-bar.ts';

export const importCommand: Command = {
  name: 'import',
  summary: 'Import debtor / invoice CSV files, UBL 2.1 invoices or CAMT.053 / MT940 bank statements',
  help: `Usage: pnpm kredo import [--administration <adm_… | code>] [--tenant ten_…] [--format debtors|invoices|ubl|camt053|mt940] [--encoding …] <file>…

Upserts by the ERP's numbers (bank statements: by the bank's references): re-importing a file changes
nothing. Every rejected row is listed with its line and reason, followed by a summary (created, updated,
unchanged, rejected). Without --format, XML is read as CAMT.053 or UBL by its namespace and MT940 by its
fields; CSV files need --format debtors or invoices (import debtors first).
  --tenant          tenant id (default: the demo tenant)
  --administration  administration id or code (e.g. NL01): required for CSV and UBL; a bank statement
                    goes to the administration its account is registered on unless this is given
  --encoding        the CSV files' encoding: utf-8, windows-1252 (also latin1), utf-16le, utf-16be;
                    without it, a byte-order mark or the bytes decide (UTF-8, else Windows-1252)
  --json            print the summaries as JSON
Exit code 0 when every row was imported, 3 when some were rejected.`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        tenant: { type: 'string', default: DEMO_TENANT_ID },
        administration: { type: 'string' },
        format: { type: 'string' },
        encoding: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      strict: true,
    });
    if (positionals.length === 0) {
      console.error(importCommand.help);
      return 2;
    }
    if (values.format && !FORMATS.includes(values.format)) {
      console.error(`--format must be ${FORMATS.join(', ')} (got "${values.format}")`);
      return 2;
    }
    const encoding = values.encoding === undefined ? undefined : encodingNamed(values.encoding);
    if (encoding === undefined && values.encoding !== undefined) {
      console.error(`--encoding must be one of ${ENCODING_LABELS.join(', ')} (got "${values.encoding}")`);
      return 2;
    }
    const config = loadConfig();
    const database = await openDatabase(config);
    const orm = await createOrm(database.url, 2);
    let rejected = 0;
    try {
      await migrate(orm);
      const administrationId =
        values.administration === undefined
          ? undefined
          : await resolveAdministration(orm, values.tenant, values.administration);
      const summaries: ({ file: string } & (ImportSummary | StatementImportSummary))[] = [];
      for (const given of positionals) {
        // pnpm runs this inside core/: paths are meant relative to where the person typed the command.
        const file = resolve(process.env.KREDO_CALLER_CWD ?? process.env.INIT_CWD ?? process.cwd(), given);
        const format = (values.format ?? (await sniffFormat(file, given))) as FileFormat | undefined;
        if (!format) {
          console.error(`${file}: say --format debtors or --format invoices for CSV files`);
          return 2;
        }
        if (format === 'camt053' || format === 'mt940') {
          const options = { tenantId: values.tenant, administrationId, format, json: values.json };
          const summary = await importStatementFile(orm, options, given, file);
          summaries.push({ file: given, ...summary });
          rejected += summary.rejected;
          continue;
        }
        if (!administrationId) {
          console.error(`${given}: say --administration for ${format} files`);
          return 2;
        }
        const size = await stat(file).then(
          (info) => info.size,
          () => {
            throw new UsageError(`${given}: no such file`);
          },
        );
        const bar = values.json ? undefined : progressBar(basename(file), size);
        let bytes = 0;
        // Counting in a pass-through keeps the file paused until the importer reads it.
        const counter = new PassThrough({
          transform(chunk: Buffer, _encoding, done) {
            bytes += chunk.length;
            done(null, chunk);
          },
        });
        const stream = createReadStream(file).pipe(counter);
        const summary = await importFile(stream, {
          orm,
          tenantId: values.tenant,
          administrationId,
          format,
          encoding: encoding === 'detect' ? undefined : encoding,
          onProgress: (rows) => bar?.update(bytes, rows),
        })
          .catch((error: unknown) => {
            // A whole-file problem (not UTF-8, missing columns) names the file it is about.
            if (error instanceof DomainError) throw new UsageError(`${given}: ${error.message}`);
            throw error;
          })
          .finally(() => bar?.stop());
        summaries.push({ file: given, ...summary });
        rejected += summary.rejected;
        if (!values.json) printSummary(given, summary);
      }
      if (values.json) console.log(JSON.stringify(summaries, null, 2));
    } finally {
      await orm.close(true);
      await database.stop();
    }
    return rejected > 0 ? 3 : 0;
  },
};

const FORMATS = ['debtors', 'invoices', 'ubl', 'camt053', 'mt940'];
type FileFormat = ImportFormat | StatementFormat;

/** What a file holds, judged from its start: CAMT.053 or UBL (XML), MT940; undefined for CSV. */
async function sniffFormat(file: string, given: string): Promise<FileFormat | undefined> {
  const head = (await readHead(file, given)).replace(/^\xEF\xBB\xBF/, '');
  if (head.trimStart().startsWith('<') || extname(file).toLowerCase() === '.xml') {
    return /urn:iso:std:iso:20022:tech:xsd:camt\.053\./.test(head) ? 'camt053' : 'ubl';
  }
  try {
    return detectFormat(Buffer.from(head, 'latin1'));
  } catch {
    return undefined;
  }
}

async function readHead(file: string, given: string): Promise<string> {
  const handle = await open(file).catch(() => {
    throw new UsageError(`${given}: no such file`);
  });
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
    return buffer.subarray(0, bytesRead).toString('latin1');
  } finally {
    await handle.close();
  }
}

async function resolveAdministration(
  orm: Awaited<ReturnType<typeof createOrm>>,
  tenantId: string,
  given: string,
) {
  if (given.startsWith('adm_')) return given;
  const found = await findAdministrationByCode(tenantEm(orm, tenantId), given);
  if (!found) throw new UsageError(`No administration with code ${given} in tenant ${tenantId}`);
  return found.id;
}

function printSummary(file: string, s: ImportSummary) {
  for (const warning of s.warnings) console.log(`${file}: warning: ${warning}`);
  for (const e of s.errors) console.log(`${file}:${e.line}: ${e.field ? `${e.field}: ` : ''}${e.message}`);
  const buyers = s.debtors
    ? ` (debtors from buyers: ${s.debtors.created} created, ${s.debtors.updated + s.debtors.unchanged} matched)`
    : '';
  const read = s.encoding && s.encoding !== 'utf-8' ? ` (read as ${encodingName(s.encoding)})` : '';
  console.log(
    `${file}: ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.rejected} rejected${buyers}${read}`,
  );
}
