import type { Orm } from '../db/orm.ts';

/** The entries one statement's import stored: what the matching of credits to invoices starts from. */
export interface ImportedEntries {
  orm: Orm;
  tenantId: string;
  administrationId: string;
  statementId: string;
  /** Ids of the entries stored by this import (none that were known before), in statement order. */
  entryIds: string[];
}

/**
 * Called once per statement after its transaction committed, with the entries it added. It must not
 * throw for an entry it cannot place: the statement is stored, and the entry waits as `unmatched`.
 * TODO(issue 12, matching): match credits to open invoices here (structured reference, invoice
 * number in the remittance text, IBAN plus amount, pay-link reference) and queue the rest for
 * reconciliation. Until then it does nothing, and every entry stays `unmatched`.
 */
export async function onEntriesImported(_imported: ImportedEntries): Promise<void> {}
