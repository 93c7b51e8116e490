import type { EntityManager } from '@mikro-orm/postgresql';
import { invoicesById, type PayableInvoice } from '../../invoices/index.ts';
import { conflict, invalid, notFound } from '../../shared/errors.ts';
import { recordPayment } from './match-credit.ts';
import { type EntryRow, insertMatch, lockEntry, setMatchStatus } from './match-records.ts';
import type { Allocation } from './match-rules.ts';

export interface ManualMatchInput {
  /** Positive amounts against open invoices, of one debtor or several (a split). */
  allocations: Allocation[];
  /** Who keeps what the allocations leave of the entry as unallocated credit. */
  creditDebtorId?: string;
  note?: string;
}

/**
 * A person's match of a queued credit: one payment per debtor (its allocations, and for
 * `creditDebtorId` what is left as credit), each through the payment service, each recorded as a
 * `manual` match by `actor`. All in the caller's transaction; the entry's lock keeps it to one match.
 */
export async function matchByHand(
  em: EntityManager,
  tenantId: string,
  entryId: string,
  input: ManualMatchInput,
  actor: string,
): Promise<void> {
  const entry = await openEntry(em, entryId);
  if (entry.credit_debit !== 'credit') throw invalid('entryId', 'a debit pays no invoice: ignore it instead');
  const invoices = await invoicesById(
    em,
    input.allocations.map((a) => a.invoiceId),
  );
  const payments = splitByDebtor(Number(entry.amount), input, invoices);
  const reason = input.note ?? 'matched by hand';
  for (const [debtorId, part] of payments) {
    const paymentId = await recordPayment(
      em,
      tenantId,
      entry,
      { debtorId, allocations: part.allocations },
      part.amount,
      null,
    );
    await insertMatch(em, {
      tenantId,
      administrationId: entry.administration_id,
      entryId,
      paymentId,
      debtorId,
      rule: 'manual',
      confidence: 100,
      reason,
      createdBy: actor,
      createdPayment: true,
    });
  }
  await setMatchStatus(em, entryId, 'matched', reason, null, { by: actor, note: input.note ?? null });
}

/** The entry locked, still in the queue; else 404 or 409. */
export async function openEntry(em: EntityManager, entryId: string): Promise<EntryRow> {
  const entry = await lockEntry(em, entryId);
  if (!entry) throw notFound('Statement entry', entryId);
  if (!['queued', 'unmatched'].includes(entry.match_status)) {
    throw conflict('entry_not_open', `Entry ${entryId} is ${entry.match_status}, not in the queue`, {
      matchStatus: entry.match_status,
    });
  }
  return entry;
}

/**
 * The payments a manual match makes: per debtor of the allocated invoices, the sum of its allocations;
 * the rest of the entry goes to `creditDebtorId` (or the one debtor) as credit. Checks the fields.
 */
export function splitByDebtor(
  entryAmount: number,
  input: ManualMatchInput,
  invoices: readonly PayableInvoice[],
): Map<string, { amount: number; allocations: Allocation[] }> {
  const byId = new Map(invoices.map((i) => [i.id, i]));
  const payments = new Map<string, { amount: number; allocations: Allocation[] }>();
  input.allocations.forEach((allocation, i) => {
    const invoice = byId.get(allocation.invoiceId);
    if (!invoice)
      throw invalid(`allocations[${i}].invoiceId`, `invoice ${allocation.invoiceId} does not exist`);
    const payment = payments.get(invoice.debtorId) ?? { amount: 0, allocations: [] };
    payment.amount += allocation.amount;
    payment.allocations.push(allocation);
    payments.set(invoice.debtorId, payment);
  });
  const allocated = input.allocations.reduce((sum, a) => sum + a.amount, 0);
  const rest = entryAmount - allocated;
  if (rest < 0) throw invalid('allocations', `total ${allocated} exceeds the entry amount ${entryAmount}`);
  if (rest > 0) {
    const creditDebtorId =
      input.creditDebtorId ?? (payments.size === 1 ? [...payments.keys()][0] : undefined);
    if (!creditDebtorId) {
      throw invalid(
        'creditDebtorId',
        `${rest} of the entry is not allocated: name the debtor who keeps it as credit`,
      );
    }
    const payment = payments.get(creditDebtorId) ?? { amount: 0, allocations: [] };
    payment.amount += rest;
    payments.set(creditDebtorId, payment);
  }
  return payments;
}
