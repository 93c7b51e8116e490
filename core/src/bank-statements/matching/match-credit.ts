import type { EntityManager } from '@mikro-orm/postgresql';
import {
  invoicesById,
  invoicesByNumber,
  invoicesByPaymentReference,
  openInvoicesOfDebtors,
} from '../../invoices/index.ts';
import { markPayLinkPaid, payLinksByReference } from '../../pay-links/index.ts';
import { type BulkPaymentInput, createPayment, debtorsPayingFrom } from '../../payments/index.ts';
import { structuredReferences } from './creditor-reference.ts';
import { NOTHING_FOUND, payLinkWords } from './entry-words.ts';
import { invoiceNumberTokens } from './invoice-number-tokens.ts';
import { type EntryRow, insertMatch, setMatchStatus } from './match-records.ts';

import {
  AUTO_MATCH_CONFIDENCE,
  byIbanAndAmount,
  byInvoiceNumber,
  byPayLink,
  byStructuredReference,
  type Credit,
  type Verdict,
} from './match-rules.ts';

/** One rule: looks up its candidates for the entry and gives its verdict, or null when it has none. */
type Rule = (em: EntityManager, entry: EntryRow, credit: Credit) => Promise<Verdict | null>;

/**
 * The rules in the order issue 12 gives them, each looking up only what it needs: the first verdict
 * sure enough is booked; the best of the others is kept as the queue's proposal.
 */
const RULES: readonly Rule[] = [
  async (em, entry, credit) => {
    const references = structuredReferences(entry.creditor_reference, entry.remittance_text);
    const invoices = await invoicesByPaymentReference(
      em,
      entry.administration_id,
      references.map((r) => r.reference),
    );
    return byStructuredReference(credit, references, invoices);
  },
  async (em, entry, credit) => {
    const tokens = invoiceNumberTokens(entry.remittance_text);
    return byInvoiceNumber(credit, await invoicesByNumber(em, entry.administration_id, tokens));
  },
  async (em, entry, credit) => {
    if (!entry.counterparty_iban) return null;
    const debtorIds = await debtorsPayingFrom(em, entry.administration_id, entry.counterparty_iban);
    if (debtorIds.length !== 1) return null;
    return byIbanAndAmount(credit, debtorIds, await openInvoicesOfDebtors(em, debtorIds));
  },
  async (em, entry, credit) => {
    const links = await payLinksByReference(em, entry.administration_id, payLinkWords(entry));
    if (links.length === 0) return null;
    const invoices = await invoicesById(
      em,
      links.flatMap((l) => l.invoiceIds),
    );
    return byPayLink(credit, links, invoices);
  },
];

/**
 * Matches one booked credit (locked, `unmatched`) inside the caller's transaction: the rules in order;
 * a confident verdict becomes a payment with its allocations (the payment service: charges first,
 * invoices reopen and close as they do for any payment) and a `statement_match` naming rule,
 * confidence and reason; anything else queues the entry with the best guess as its proposal.
 * Returns the verdict booked, or null when queued.
 */
export async function matchCredit(
  em: EntityManager,
  tenantId: string,
  entry: EntryRow,
): Promise<Verdict | null> {
  const credit = { amount: Number(entry.amount), currency: entry.currency };
  let best: Verdict | null = null;
  for (const rule of RULES) {
    const verdict = await rule(em, entry, credit);
    if (verdict && verdict.confidence >= AUTO_MATCH_CONFIDENCE) {
      await bookVerdict(em, tenantId, entry, verdict);
      return verdict;
    }
    if (verdict && (!best || verdict.confidence > best.confidence)) best = verdict;
  }
  await setMatchStatus(
    em,
    entry.id,
    'queued',
    best ? `not sure enough: ${best.reason}` : NOTHING_FOUND,
    best && {
      rule: best.rule,
      confidence: best.confidence,
      debtorId: best.debtorId,
      allocations: best.allocations,
    },
  );
  return null;
}

async function bookVerdict(
  em: EntityManager,
  tenantId: string,
  entry: EntryRow,
  verdict: Verdict,
): Promise<void> {
  const paymentId = verdict.existingPaymentId ?? (await recordPayment(em, tenantId, entry, verdict));
  if (verdict.payLinkId && !verdict.existingPaymentId)
    await markPayLinkPaid(em, verdict.payLinkId, paymentId);
  await insertMatch(em, {
    tenantId,
    administrationId: entry.administration_id,
    entryId: entry.id,
    paymentId,
    debtorId: verdict.debtorId,
    rule: verdict.rule,
    confidence: verdict.confidence,
    reason: verdict.reason,
    createdBy: null,
    createdPayment: !verdict.existingPaymentId,
  });
  await setMatchStatus(em, entry.id, 'matched', verdict.reason);
}

/**
 * The payment a bank entry brings in. Its external id is the entry's (`bank:<entry id>`): the
 * payment table's unique key makes a second payment for the same entry impossible, whatever retries.
 */
export async function recordPayment(
  em: EntityManager,
  tenantId: string,
  entry: EntryRow,
  verdict: Pick<Verdict, 'debtorId' | 'allocations'>,
  amount = Number(entry.amount),
  externalId: string | null = `bank:${entry.id}`,
): Promise<string> {
  const { payment } = await createPayment(em, tenantId, paymentOf(entry, verdict, amount, externalId));
  return payment.id;
}

/** The payment an entry brings in, as the payment service (or its bulk form) takes it. */
export function paymentOf(
  entry: EntryRow,
  verdict: Pick<Verdict, 'debtorId' | 'allocations'>,
  amount = Number(entry.amount),
  externalId: string | null = `bank:${entry.id}`,
): BulkPaymentInput {
  return {
    administrationId: entry.administration_id,
    debtorId: verdict.debtorId,
    externalId,
    amount,
    currency: entry.currency,
    valueDate: entry.value_date ?? entry.booking_date ?? new Date().toISOString().slice(0, 10),
    method: 'bank_transfer',
    reference: (entry.creditor_reference ?? entry.remittance_text)?.slice(0, 140) ?? null,
    payerName: entry.counterparty_name?.slice(0, 200) ?? null,
    payerIban: entry.counterparty_iban,
    allocations: verdict.allocations,
  };
}
