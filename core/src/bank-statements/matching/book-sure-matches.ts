import type { EntityManager } from '@mikro-orm/postgresql';
import type { Orm } from '../../db/orm.ts';
import { readAsTenant } from '../../db/tenant-scope.ts';
import { invoicesByPaymentReferences } from '../../invoices/index.ts';
import { invoicesWithOpenCharges } from '../../late-charges/index.ts';
import { createPayments } from '../../payments/index.ts';
import { structuredReferences } from './creditor-reference.ts';
import { paymentOf } from './match-credit.ts';
import { readEntries, recordMatches } from './match-records.ts';
import { planSureMatches, type ReferencedInvoice, type SurePlan } from './plan-sure-matches.ts';

/** What a bulk run did: entries booked and skipped, and where it stopped (`entryIds.length`: it took all). */
export interface SureRun {
  booked: number;
  skipped: number;
  stoppedAt: number;
}

/**
 * A first look, read-only, at which of a batch's entries the bulk path would book now (plan-sure-matches.ts):
 * what `matchEntries` forms its runs from. Booking plans again under locks, so this is only a guess.
 */
export async function guessSureMatches(
  orm: Orm,
  tenantId: string,
  entryIds: readonly string[],
): Promise<Map<string, SurePlan['kind']>> {
  const plans = await readAsTenant(orm, tenantId, (em) => planEntries(em, entryIds, false));
  return new Map([...plans].map(([id, plan]) => [id, plan.kind]));
}

/**
 * Books a run of entries in the caller's one transaction, the steps in order:
 * 1. lock the entries (id order), then the invoices their references find (id order), and read both;
 * 2. plan them as `matchEntry` would, in the order given (plan-sure-matches.ts), up to the first the
 *    bulk path refuses: that one and those after it are left for the caller, untouched;
 * 3. record the planned payments in one go (the payment service's `createPayments`: payments,
 *    allocations, invoices' open amounts, `payment.received` events);
 * 4. the `statement_match` rows and the entries' `matched` status, in one statement each.
 * Any failure throws, and the caller's rollback leaves nothing of the run written.
 */
export async function bookSureRun(
  em: EntityManager,
  tenantId: string,
  entryIds: readonly string[],
): Promise<SureRun> {
  const plans = await planEntries(em, entryIds, true);
  const refused = entryIds.findIndex((id) => plans.get(id)?.kind === 'refuse');
  const stoppedAt = refused === -1 ? entryIds.length : refused;
  const toBook = entryIds.slice(0, stoppedAt).flatMap((id) => {
    const plan = plans.get(id);
    return plan?.kind === 'book' ? [plan] : [];
  });
  const paymentIds = await createPayments(
    em,
    tenantId,
    toBook.map((plan) => paymentOf(plan.entry, plan.verdict)),
  );
  await recordMatches(
    em,
    toBook.map(({ entry, verdict }, i) => ({
      tenantId,
      administrationId: entry.administration_id,
      entryId: entry.id,
      paymentId: paymentIds[i] as string,
      debtorId: verdict.debtorId,
      rule: verdict.rule,
      confidence: verdict.confidence,
      reason: verdict.reason,
      createdBy: null,
      createdPayment: true,
    })),
  );
  return { booked: toBook.length, skipped: stoppedAt - toBook.length, stoppedAt };
}

/** The entries read (locked with `lock`), the invoices their references find, their open charges: the plans by entry id. */
async function planEntries(
  em: EntityManager,
  entryIds: readonly string[],
  lock: boolean,
): Promise<Map<string, SurePlan>> {
  const entries = await readEntries(em, entryIds, { lock });
  const references = new Map<string, Set<string>>();
  for (const entry of entries) {
    if (entry.credit_debit !== 'credit' || entry.match_status !== 'unmatched') continue;
    const set = references.get(entry.administration_id) ?? new Set<string>();
    for (const r of structuredReferences(entry.creditor_reference, entry.remittance_text))
      set.add(r.reference);
    references.set(entry.administration_id, set);
  }
  const found = new Map<string, ReferencedInvoice[]>();
  // Administrations in one order, so two runs lock their invoices in one order too.
  for (const administrationId of [...references.keys()].sort()) {
    const keys = [...(references.get(administrationId) as Set<string>)];
    found.set(administrationId, await invoicesByPaymentReferences(em, administrationId, keys, { lock }));
  }
  const open = [...found.values()].flat().filter((f) => f.invoice.status === 'open');
  const charged = await invoicesWithOpenCharges(em, [...new Set(open.map((f) => f.invoice.id))]);
  return new Map(planSureMatches(entries, found, charged).map((plan) => [plan.entry.id, plan]));
}
