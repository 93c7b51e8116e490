import type { Orm } from '../db/orm.ts';
import { matchEntries } from './matching/match-imported.ts';

/** The entries one statement's import stored: what the matching of credits to invoices starts from. */
export interface ImportedEntries {
  orm: Orm;
  tenantId: string;
  administrationId: string;
  statementId: string;
  /** Ids of the entries stored by this import (none that were known before), in statement order. */
  entryIds: string[];
}

/** What matching made of an import's entries, for the import's summary and log. */
export type MatchSummary = Awaited<ReturnType<typeof matchEntries>>;

/**
 * Called once per statement after its transaction committed, with the entries it added: credits are
 * matched to open invoices (matching/match-credit.ts: structured reference, invoice number in the
 * remittance text, IBAN plus amount, pay-link reference), debits return the credits they reverse, the
 * rest waits in the reconciliation queue. It does not throw for an entry it cannot place: that entry
 * stays `unmatched` and is named in the summary's failures.
 */
export async function onEntriesImported(imported: ImportedEntries): Promise<MatchSummary> {
  return matchEntries(imported.orm, imported.tenantId, imported.entryIds);
}
