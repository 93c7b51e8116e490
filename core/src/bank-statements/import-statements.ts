import { getAdministration } from '../administrations/index.ts';
import type { Orm } from '../db/orm.ts';
import { readAsTenant, tenantEm, withTenantClient } from '../db/tenant-scope.ts';
import { type CsvSource, collectBytes, type RowError } from '../imports/index.ts';
import { newId } from '../shared/ids.ts';
import { type ImportedEntries, matchImported } from './after-import.ts';
import { ownerOfAccount } from './bank-accounts.ts';
import { entriesDueForMatching } from './matching/match-statement.ts';
import { countMatching, NO_ENTRIES } from './matching/matching-counts.ts';
import type { ParsedStatement } from './parsed-statement.ts';
import { readStatementFile } from './read-statement-file.ts';
import { balanceWarning } from './statement-balance.ts';
import { limitErrors } from './statement-limits.ts';
import type { StatementFormat } from './statement-rows.ts';
import { type StoredStatement, storeStatement } from './statement-store.ts';
import type { StatementImportSummary, StatementReport } from './statement-summary.ts';

export interface StatementImportOptions {
  orm: Orm;
  tenantId: string;
  /** Every statement goes here; without it each goes to the administration its account is registered on. */
  administrationId?: string;
  /** Read from the content when absent. */
  format?: StatementFormat;
  createdBy?: string | null;
  /** Called as entries are read and stored, with the count so far. */
  onProgress?: (entries: number) => void;
  /**
   * New entries matched in this call at most (the API's `KREDO_BANK_MATCH_INLINE_MAX`); more are left
   * to the matching job. Every one when absent (the CLI, the demo).
   */
  matchInlineMax?: number;
  /** Called as the new entries are matched in this call, with the count so far and the total. */
  onMatchProgress?: (done: number, total: number) => void;
}

/**
 * Imports a CAMT.053 or MT940 file, one transaction per statement: read the file → for each
 * statement, find its administration → refuse it whole if an entry cannot be read → store it and its
 * entries by the bank's keys (known ones are left alone) → after the statements commit, match their
 * entries still due (the new ones, and any an import killed halfway left) in this call or hand them
 * to the matching job (after-import.ts) → summarise, with each statement's matching counted from its
 * entries. Importing the same file again stores nothing.
 */
export async function importStatements(
  source: CsvSource,
  options: StatementImportOptions,
): Promise<StatementImportSummary> {
  const file = readStatementFile(await collectBytes(source), options.format);
  if (options.administrationId)
    await getAdministration(tenantEm(options.orm, options.tenantId), options.administrationId);
  const summary: StatementImportSummary = {
    format: file.format,
    formatVersion: file.formatVersion,
    importId: newId('statementImport'),
    statements: [],
    created: 0,
    unchanged: 0,
    rejected: 0,
    errors: [],
    warnings: [],
    matching: 'done',
  };
  let progress = 0;
  const advance = (entries: number) => {
    progress += entries;
    options.onProgress?.(progress);
  };
  for (const statement of file.statements) {
    const report = await importStatement(statement, options, summary, advance);
    summary.statements.push(report);
    summary.created += report.created;
    summary.unchanged += report.unchanged;
    summary.rejected += report.rejected;
  }
  // The new entries, and those of a known statement an earlier import stored but did not get to
  // match (it was killed, or its process stopped): importing the file again finishes the work.
  const { orm, tenantId } = options;
  const stored = new Map<string, string>();
  for (const { statementId, administrationId } of summary.statements) {
    if (statementId && administrationId) stored.set(statementId, administrationId);
  }
  const due = await entriesDueForMatching(orm, tenantId, [...stored.keys()]);
  // In file order: a reversal later in the file finds the credit it reverses matched.
  const imported: Omit<ImportedEntries, 'onProgress'>[] = [...stored].flatMap(
    ([statementId, administrationId]) => {
      const entryIds = due.get(statementId);
      return entryIds ? [{ orm, tenantId, administrationId, statementId, entryIds }] : [];
    },
  );
  summary.matching = await matchImported(imported, {
    inlineMax: options.matchInlineMax ?? Number.POSITIVE_INFINITY,
    onProgress: options.onMatchProgress,
  });
  await countStatementsMatching(options, summary.statements);
  return summary;
}

/** Each stored statement's matching, counted from its entries as they stand now. */
async function countStatementsMatching(options: StatementImportOptions, reports: StatementReport[]) {
  const ids = reports.flatMap((report) => (report.statementId ? [report.statementId] : []));
  const counts = await readAsTenant(options.orm, options.tenantId, (em) => countMatching(em, ids));
  for (const report of reports) {
    if (report.statementId) report.matching = counts.get(report.statementId) ?? report.matching;
  }
}

async function importStatement(
  statement: ParsedStatement,
  options: StatementImportOptions,
  summary: StatementImportSummary,
  advance: (entries: number) => void,
): Promise<StatementReport> {
  const report: StatementReport = {
    index: statement.index,
    line: statement.line,
    account: statement.account,
    statementRef: statement.statementRef,
    administrationId: null,
    statementId: null,
    outcome: 'rejected',
    created: 0,
    unchanged: 0,
    rejected: 0,
    matching: { ...NO_ENTRIES },
  };
  const unreadable = statement.errors.length;
  const refuse = (errors: RowError[], stored = false) => {
    summary.errors.push(...errors);
    report.rejected = statement.entries.length + unreadable;
    if (!stored) advance(statement.entries.length);
    return report;
  };
  statement.errors.push(...limitErrors(statement));
  if (statement.errors.length > 0) return refuse(statement.errors);
  const owner = await administrationOf(statement, options);
  if (!owner.ok) {
    return refuse([
      {
        line: statement.line,
        field: 'account',
        message: `statement ${statement.statementRef}: ${owner.reason}`,
      },
    ]);
  }
  report.administrationId = owner.administrationId;
  distinguishRepeatedKeys(statement);
  let stored: StoredStatement;
  try {
    stored = await withTenantClient(options.orm, options.tenantId, async (client) => {
      const result = await storeStatement(
        client,
        owner.administrationId,
        statement,
        summary.importId,
        options.createdBy ?? null,
        advance,
      );
      // Thrown to roll the statement back: none of it is written.
      if (result.conflicts.length > 0) throw new KnownDifferently(result.conflicts);
      return result;
    });
  } catch (error) {
    if (error instanceof KnownDifferently) return refuse(error.conflicts, true);
    throw error;
  }
  const warning = balanceWarning(statement);
  if (warning) summary.warnings.push(warning);
  Object.assign(report, {
    statementId: stored.statementId,
    outcome: stored.statementCreated ? 'created' : 'known',
    created: stored.createdIds.length,
    unchanged: stored.unchanged,
    rejected: 0,
  });
  return report;
}

/** Entries whose keys are already stored with another amount or direction: the statement is refused. */
class KnownDifferently extends Error {
  constructor(readonly conflicts: RowError[]) {
    super('entries known with other amounts');
  }
}

type Owner = { ok: true; administrationId: string } | { ok: false; reason: string };

/** The administration named in the call (unless the account is registered on another), else the account's. */
async function administrationOf(statement: ParsedStatement, options: StatementImportOptions): Promise<Owner> {
  const owner = await ownerOfAccount(tenantEm(options.orm, options.tenantId), statement.account);
  if (!options.administrationId) return owner;
  if (owner.ok && owner.administrationId !== options.administrationId) {
    return {
      ok: false,
      reason: `account ${statement.account} belongs to administration ${owner.administrationId}, not ${options.administrationId}`,
    };
  }
  return { ok: true, administrationId: options.administrationId };
}

/**
 * A bank that gives two entries of one statement the same reference (the key then repeats) still
 * booked two movements: the second and later get `~2`, `~3` … in file order, the same on every import.
 */
function distinguishRepeatedKeys(statement: ParsedStatement): void {
  const seen = new Map<string, number>();
  for (const entry of statement.entries) {
    const times = (seen.get(entry.key) ?? 0) + 1;
    seen.set(entry.key, times);
    if (times > 1) entry.key = `${entry.key}~${times}`;
  }
}
