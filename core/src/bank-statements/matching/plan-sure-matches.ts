import type { PayableInvoice } from '../../invoices/index.ts';
import { structuredReferences } from './creditor-reference.ts';
import type { EntryRow } from './match-records.ts';
import { AUTO_MATCH_CONFIDENCE, byStructuredReference, type Verdict } from './match-rules.ts';

/** An invoice a reference of the batch found, with the key (`payment_reference_key`) it was found by. */
export interface ReferencedInvoice {
  invoice: PayableInvoice;
  referenceKey: string;
}

/**
 * What the bulk path does with an entry: `book` its verdict in bulk, `skip` it as `matchEntry` would
 * (looked at already, or pending at the bank), or `refuse` it: `matchEntry` must take it, and every
 * entry after it, because its outcome may change what they find.
 */
export type SurePlan =
  | { kind: 'book'; entry: EntryRow; verdict: Verdict }
  | { kind: 'skip'; entry: EntryRow }
  | { kind: 'refuse'; entry: EntryRow };

/**
 * Decides, for entries in statement order, which `matchEntry` would book on the first rule (a sure
 * structured reference) with nothing but a plain payment: the same pure rule (`byStructuredReference`)
 * on the same invoices (those its own references find, oldest due first), seen as the entries before
 * it left them (open amounts lowered, invoices paid at zero), so the verdicts, reasons and allocations
 * are those of the one-by-one path. Refused: debits, reversals, credits without a sure reference
 * verdict, and those whose invoices have late-payment charges open (`charged`: they are paid charges
 * first). Pure.
 */
export function planSureMatches(
  entries: readonly EntryRow[],
  found: ReadonlyMap<string, readonly ReferencedInvoice[]>,
  charged: ReadonlySet<string>,
): SurePlan[] {
  const lookup = new Map(
    [...found].map(([administrationId, items]) => [administrationId, indexByKey(items)]),
  );
  const open = new Map<string, number>();
  return entries.map((entry): SurePlan => {
    if (entry.match_status !== 'unmatched' || entry.status !== 'booked') return { kind: 'skip', entry };
    if (entry.credit_debit !== 'credit' || entry.reversal) return { kind: 'refuse', entry };
    const references = structuredReferences(entry.creditor_reference, entry.remittance_text);
    const named = lookup.get(entry.administration_id)?.(references.map((r) => r.reference)) ?? [];
    // As the entries booked before this one left them.
    const invoices = named.map((invoice) => {
      const openAmount = open.get(invoice.id);
      if (openAmount === undefined) return invoice;
      return { ...invoice, openAmount, status: openAmount === 0 ? 'paid' : invoice.status };
    });
    const credit = { amount: Number(entry.amount), currency: entry.currency };
    const verdict = byStructuredReference(credit, references, invoices);
    const simple =
      verdict !== null &&
      verdict.confidence >= AUTO_MATCH_CONFIDENCE &&
      verdict.allocations.length > 0 &&
      !verdict.payLinkId &&
      !verdict.existingPaymentId &&
      verdict.allocations.every((a) => !charged.has(a.invoiceId));
    if (!simple) return { kind: 'refuse', entry };
    const before = new Map(invoices.map((invoice) => [invoice.id, invoice.openAmount]));
    for (const a of verdict.allocations)
      open.set(a.invoiceId, (before.get(a.invoiceId) as number) - a.amount);
    return { kind: 'book', entry, verdict };
  });
}

/**
 * A lookup answering what `invoicesByPaymentReference` would for some references: the invoices found
 * by any of them, once each, in `items`' order (due date, then id).
 */
function indexByKey(
  items: readonly ReferencedInvoice[],
): (references: readonly string[]) => PayableInvoice[] {
  const byKey = new Map<string, { position: number; invoice: PayableInvoice }[]>();
  items.forEach(({ invoice, referenceKey }, position) => {
    byKey.set(referenceKey, [...(byKey.get(referenceKey) ?? []), { position, invoice }]);
  });
  return (references) => {
    const hits = new Map<string, { position: number; invoice: PayableInvoice }>();
    for (const reference of references) {
      for (const hit of byKey.get(reference) ?? []) hits.set(hit.invoice.id, hit);
    }
    return [...hits.values()].sort((a, b) => a.position - b.position).map((hit) => hit.invoice);
  };
}
