import type { EntityManager } from '@mikro-orm/postgresql';
import { queryIn } from '../../events/event-sql.ts';
import { invoicesByNumber, invoicesByPaymentReference } from '../../invoices/index.ts';
import { payLinksByReference } from '../../pay-links/index.ts';
import { knownPayerIbans } from '../../payments/index.ts';
import { structuredReferences } from './creditor-reference.ts';
import { NOTHING_FOUND, payLinkWords } from './entry-words.ts';
import { invoiceNumberTokens } from './invoice-number-tokens.ts';
import { queueEntries } from './match-records.ts';

interface SiftRow {
  id: string;
  administration_id: string;
  creditor_reference: string | null;
  remittance_text: string | null;
  counterparty_iban: string | null;
  end_to_end_id: string | null;
}

/**
 * A first pass over a batch of new entries in a few queries, so a large statement whose credits
 * name nothing Kredo knows is queued at once instead of entry by entry: the booked, unmatched credits
 * whose references, invoice-number words, payer IBAN and pay-link words find no invoice,
 * payment or link at all. Those no rule could match are queued here; answers their ids. The rest
 * (and every debit, reversal or pending entry) go through `matchEntry` one by one. Answers the ids it
 * queued: an entry another hand matched or queued meanwhile is left as that hand left it.
 */
export async function queueUnmatchable(em: EntityManager, entryIds: readonly string[]): Promise<Set<string>> {
  if (entryIds.length === 0) return new Set();
  // Read without a lock: locking a row writes it, and most of a batch is matched, not queued, here.
  // The queueing update re-checks each entry under its row lock (queueEntries).
  const rows = await queryIn<SiftRow>(
    em,
    `select id, administration_id, creditor_reference, remittance_text, counterparty_iban, end_to_end_id
     from bank_statement_entry
     where id = any($1::text[]) and match_status = 'unmatched' and status = 'booked' and credit_debit = 'credit'
       and not reversal`,
    [entryIds],
  );
  const unmatchable = new Set<string>();
  for (const [administrationId, entries] of groupBy(rows, (row) => row.administration_id)) {
    const known = await knownWords(em, administrationId, entries);
    for (const entry of entries) {
      const words = wordsOf(entry);
      const some = (list: string[], set: Set<string>) => list.some((word) => set.has(word));
      if (some(words.references, known.references) || some(words.numbers, known.numbers)) continue;
      if (
        some(words.payLink, known.payLink) ||
        (entry.counterparty_iban && known.ibans.has(entry.counterparty_iban))
      )
        continue;
      unmatchable.add(entry.id);
    }
  }
  return queueEntries(em, [...unmatchable], NOTHING_FOUND);
}

function wordsOf(entry: SiftRow) {
  return {
    references: structuredReferences(entry.creditor_reference, entry.remittance_text).map((r) => r.reference),
    numbers: invoiceNumberTokens(entry.remittance_text),
    payLink: payLinkWords(entry),
  };
}

/** Which of the batch's words name something of the administration: one query per kind. */
async function knownWords(em: EntityManager, administrationId: string, entries: SiftRow[]) {
  const all = entries.map(wordsOf);
  const flat = (pick: (w: ReturnType<typeof wordsOf>) => string[]) => [...new Set(all.flatMap(pick))];
  const byReference = await invoicesByPaymentReference(
    em,
    administrationId,
    flat((w) => w.references),
  );
  const byNumber = await invoicesByNumber(
    em,
    administrationId,
    flat((w) => w.numbers),
  );
  const links = await payLinksByReference(
    em,
    administrationId,
    flat((w) => w.payLink),
  );
  const ibans = entries.flatMap((e) => (e.counterparty_iban ? [e.counterparty_iban] : []));
  return {
    references: new Set(byReference.map((i) => (i.paymentReference ?? '').replace(/\s+/g, '').toUpperCase())),
    numbers: new Set(byNumber.map((i) => i.number.toUpperCase())),
    // A link is found by its provider reference or its id: keep every word that found one, to be safe.
    payLink: links.length > 0 ? new Set(flat((w) => w.payLink)) : new Set<string>(),
    ibans: await knownPayerIbans(em, administrationId, [...new Set(ibans)]),
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
