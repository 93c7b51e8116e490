import type { Orm } from '../db/orm.ts';
import { tenantEm } from '../db/tenant-scope.ts';
import { type MatchSummary, matchStatement } from './matching/match-statement.ts';
import { requestMatching } from './matching/matching-jobs.ts';

export type { MatchSummary };

/** The entries one statement's import stored: what the matching of credits to invoices starts from. */
export interface ImportedEntries {
  orm: Orm;
  tenantId: string;
  administrationId: string;
  statementId: string;
  /** Ids of the entries stored by this import (none that were known before), in statement order. */
  entryIds: string[];
  /** Hears the entries matched so far, of `entryIds`. */
  onProgress?: (done: number, total: number) => void;
}

/** Where an import's matching stands when it answers: done in the call, or left to the job. */
export type MatchingMode = 'done' | 'background';

/**
 * Matches one statement's new entries now, holding its matching lock: credits to open invoices
 * (matching/match-credit.ts: structured reference, invoice number in the remittance text, IBAN plus
 * amount, pay-link reference), debits return the credits they reverse, the rest waits in the
 * reconciliation queue. It does not throw for an entry it cannot place: that entry stays `unmatched`,
 * marked failed, and is named in the summary's failures.
 */
export async function onEntriesImported(imported: ImportedEntries): Promise<MatchSummary> {
  const { busy: _busy, ...summary } = await matchStatement(
    imported.orm,
    imported.tenantId,
    imported.statementId,
    { entryIds: imported.entryIds, onProgress: imported.onProgress },
  );
  return summary;
}

/**
 * Called once the file's statements committed, with each one's new entries: at most `inlineMax` of
 * them in all are matched in this call, statement by statement (so a newcomer sees the invoices close
 * when the import answers); more are handed to the matching job (matching/matching-jobs.ts), and the
 * import answers at once. Either way a crash before they are matched leaves them to the sweep.
 */
export async function matchImported(
  imported: readonly Omit<ImportedEntries, 'onProgress'>[],
  options: { inlineMax: number; onProgress?: (done: number, total: number) => void },
): Promise<MatchingMode> {
  const total = imported.reduce((sum, statement) => sum + statement.entryIds.length, 0);
  const [first] = imported;
  if (total === 0 || !first) return 'done';
  if (total > options.inlineMax) {
    await requestMatching(tenantEm(first.orm, first.tenantId), first.tenantId);
    return 'background';
  }
  let before = 0;
  options.onProgress?.(0, total);
  for (const statement of imported) {
    await onEntriesImported({
      ...statement,
      onProgress: (done) => options.onProgress?.(before + done, total),
    });
    before += statement.entryIds.length;
  }
  return 'done';
}
