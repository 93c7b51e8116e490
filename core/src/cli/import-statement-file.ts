import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { importStatements, type StatementImportSummary } from '../bank-statements/index.ts';
import { type MatchingCounts, NO_ENTRIES } from '../bank-statements/matching/matching-counts.ts';
import type { StatementFormat } from '../bank-statements/statement-rows.ts';
import type { Orm } from '../db/orm.ts';
import { DomainError } from '../shared/errors.ts';
import { UsageError } from './command.ts';
import { type Progress, progressBar } from './progress-bar.ts';

const ENTRY_START = /<(?:[\w.-]+:)?Ntry[\s>]|(?:^|\n):61:/g;

/**
 * `kredo import` of a CAMT.053 or MT940 file: each statement to its account's administration (or the
 * one given), with a progress bar counting entries stored, then one counting entries matched (all in
 * this process, however many), then the errors and the counts, the matching's included.
 */
export async function importStatementFile(
  orm: Orm,
  options: { tenantId: string; administrationId?: string; format: StatementFormat; json: boolean },
  given: string,
  file: string,
): Promise<StatementImportSummary> {
  const bytes = await readFile(file).catch(() => {
    throw new UsageError(`${given}: no such file`);
  });
  // The bar's total: entries counted roughly ahead (a batched CAMT entry stores one row per detail).
  const total = bytes.toString('latin1').match(ENTRY_START)?.length ?? 0;
  const bar = options.json ? undefined : progressBar(basename(file), Math.max(total, 1));
  let matchBar: Progress | undefined;
  const summary = await importStatements(bytes, {
    orm,
    tenantId: options.tenantId,
    administrationId: options.administrationId,
    format: options.format,
    createdBy: 'cli',
    onProgress: (entries) => bar?.update(entries, entries),
    onMatchProgress: (done, entries) => {
      if (options.json) return;
      if (!matchBar) {
        bar?.stop();
        matchBar = progressBar(`${basename(file)} matching`, Math.max(entries, 1), 'entries matched');
      }
      matchBar?.update(done, done);
    },
  })
    .catch((error: unknown) => {
      if (error instanceof DomainError) throw new UsageError(`${given}: ${error.message}`);
      throw error;
    })
    .finally(() => {
      bar?.stop();
      matchBar?.stop();
    });
  if (!options.json) printStatementSummary(given, summary);
  return summary;
}

function printStatementSummary(file: string, s: StatementImportSummary) {
  for (const warning of s.warnings) console.log(`${file}: warning: ${warning}`);
  for (const e of s.errors) console.log(`${file}:${e.line}: ${e.field ? `${e.field}: ` : ''}${e.message}`);
  for (const r of s.statements) {
    const where = r.administrationId ? ` → ${r.administrationId}` : '';
    console.log(
      `${file}: statement ${r.statementRef || `#${r.index}`} (${r.account || 'no account'})${where}: ${r.outcome}, ` +
        `${r.created} new, ${r.unchanged} already known, ${r.rejected} rejected entries` +
        (r.statementId ? `; ${matchingLine(r.matching)}` : ''),
    );
  }
  console.log(
    `${file}: ${s.formatVersion}, ${s.statements.length} statement(s): ${s.created} new, ${s.unchanged} already known, ${s.rejected} rejected entries`,
  );
  const counts = s.statements.flatMap((r) => (r.statementId ? [r.matching] : []));
  if (counts.length > 0) console.log(`${file}: matching: ${matchingLine(sumCounts(counts))}`);
}

/** `2 matched, 1 queued for reconciliation, 0 returned, 0 failed`, and what else is not zero. */
function matchingLine(c: MatchingCounts): string {
  const rest = [
    [c.ignored, 'ignored'],
    [c.pending, 'not matched yet'],
    [c.notBooked, 'not booked by the bank'],
  ] as const;
  return [
    `${c.matched} matched, ${c.queued} queued for reconciliation, ${c.returned} returned, ${c.failed} failed`,
    ...rest.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`),
  ].join(', ');
}

function sumCounts(all: MatchingCounts[]): MatchingCounts {
  const sum = { ...NO_ENTRIES };
  for (const counts of all) {
    for (const key of Object.keys(sum) as (keyof MatchingCounts)[]) sum[key] += counts[key];
  }
  return sum;
}
