import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { recordEvent } from '../events/index.ts';
import { lockInvoices, updateInvoice } from '../invoices/invoice-service.ts';
import { chargeAllocationsOf, unsettleCharges } from '../late-charges/index.ts';
import { conflict, notFound } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { allocatePayment } from './allocate-payment.ts';
import type { AllocationInput } from './check-allocations.ts';
import { Allocation, Payment } from './payment.entity.ts';
import { allocationsOf, type PaymentRow, type PaymentWithAllocations } from './payment-service.ts';

/** Who changes a payment and why: the staff user (token subject), a matcher, or the bank. */
export interface PaymentChangeBy {
  actor: string | null;
  reason: string | null;
}

/**
 * Reverses a payment: everything it settled is taken back (invoices reopen, late-payment charges are
 * owed again), the payment keeps its row marked reversed, the change is kept with who did it and why,
 * and `payment.reversed` goes to plugins through the outbox. `em` must be transactional.
 */
export async function reversePayment(
  em: EntityManager,
  tenantId: string,
  paymentId: string,
  by: PaymentChangeBy & { reason: string },
): Promise<PaymentWithAllocations> {
  const payment = await lockPayment(em, paymentId);
  const before = await takeBackAllocations(em, payment);
  Object.assign(payment, { reversedAt: new Date(), reversedBy: by.actor, reversalReason: by.reason });
  await em.flush();
  await recordChange(em, tenantId, payment, 'reversed', by, before, []);
  await recordEvent(em, tenantId, 'payment.reversed', {
    payment: eventPayment(payment, []),
    reason: by.reason,
    previousAllocations: principal(payment, before),
  });
  return { payment, allocations: [], chargeAllocations: [] };
}

/**
 * Replaces a payment's allocations: the old ones are taken back as a reversal would, then the new
 * ones are settled like a new payment's (charges first). All in the caller's transaction, so a refused
 * allocation leaves the old ones standing. Kept with who did it; `payment.reallocated` for plugins.
 */
export async function reallocatePayment(
  em: EntityManager,
  tenantId: string,
  paymentId: string,
  allocations: readonly AllocationInput[],
  by: PaymentChangeBy,
): Promise<PaymentWithAllocations> {
  const payment = await lockPayment(em, paymentId);
  const before = await takeBackAllocations(em, payment);
  const after = await allocatePayment(em, tenantId, payment, allocations);
  const afterLines = [
    ...after.allocations.map((a) => ({ invoiceId: a.invoiceId, chargeId: null, amount: a.amount })),
    ...after.chargeAllocations.map((a) => ({
      invoiceId: a.invoiceId,
      chargeId: a.chargeId,
      amount: a.amount,
    })),
  ];
  await recordChange(em, tenantId, payment, 'reallocated', by, before, afterLines);
  await recordEvent(em, tenantId, 'payment.reallocated', {
    payment: eventPayment(payment, principal(payment, afterLines)),
    reason: by.reason,
    previousAllocations: principal(payment, before),
  });
  return { payment, ...after };
}

/** One line a payment settled: of an invoice's principal (`chargeId` null) or of a charge. */
interface SettledLine {
  invoiceId: string | null;
  chargeId: string | null;
  amount: number;
}

/** The payment locked for this transaction; a reversed one cannot change any more. */
async function lockPayment(em: EntityManager, paymentId: string): Promise<PaymentRow> {
  const payment = await em.findOne(
    Payment,
    { id: paymentId },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
  );
  if (!payment) throw notFound('Payment', paymentId);
  if (payment.reversedAt) {
    throw conflict('payment_reversed', `Payment ${paymentId} was reversed`, { id: paymentId });
  }
  return payment;
}

/**
 * Undoes what a payment settled: each invoice's open amount goes back up by its allocation (a paid
 * invoice reopens), its charge allocations are taken back, its allocation rows go. Returns what it held.
 */
async function takeBackAllocations(em: EntityManager, payment: PaymentRow): Promise<SettledLine[]> {
  const allocations = (await allocationsOf(em, [payment.id])).get(payment.id) ?? [];
  const charges = (await chargeAllocationsOf(em, [payment.id])).get(payment.id) ?? [];
  const invoices = await lockInvoices(
    em,
    allocations.map((a) => a.invoiceId),
  );
  const openAmounts = new Map(invoices.map((invoice) => [invoice.id, invoice.openAmount]));
  for (const allocation of allocations) {
    const openAmount = (openAmounts.get(allocation.invoiceId) as number) + allocation.amount;
    await updateInvoice(em, allocation.invoiceId, { openAmount }, 'payment');
  }
  await unsettleCharges(em, payment.id);
  await em.nativeDelete(Allocation, { paymentId: payment.id });
  return [
    ...allocations.map((a) => ({ invoiceId: a.invoiceId, chargeId: null, amount: a.amount })),
    ...charges.map((c) => ({ invoiceId: c.invoiceId, chargeId: c.chargeId, amount: c.amount })),
  ];
}

async function recordChange(
  em: EntityManager,
  tenantId: string,
  payment: PaymentRow,
  kind: 'reversed' | 'reallocated',
  by: PaymentChangeBy,
  before: SettledLine[],
  after: SettledLine[],
): Promise<void> {
  await em.execute(
    `insert into payment_change (tenant_id, id, administration_id, payment_id, debtor_id, kind, reason, actor,
       allocations_before, allocations_after)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)`,
    [
      tenantId,
      newId('paymentChange'),
      payment.administrationId,
      payment.id,
      payment.debtorId ?? null,
      kind,
      by.reason,
      by.actor,
      JSON.stringify(before),
      JSON.stringify(after),
    ],
  );
}

/** The SDK's PaymentRecord (sdk/src/records.ts), as `payment.received` carries it. */
function eventPayment(payment: PaymentRow, allocations: { invoiceId: string; amount: Money }[]) {
  return {
    id: payment.id,
    administrationId: payment.administrationId,
    debtorId: payment.debtorId ?? null,
    amount: { amount: payment.amount, currency: payment.currency },
    paidOn: payment.valueDate,
    reference: payment.reference ?? null,
    allocations,
  };
}

interface Money {
  amount: number;
  currency: string;
}

/** The lines on invoices' principal, as money: the SDK knows no charges (docs/dunning.md). */
function principal(payment: PaymentRow, lines: SettledLine[]) {
  return lines.flatMap((line) =>
    line.chargeId === null && line.invoiceId
      ? [{ invoiceId: line.invoiceId, amount: { amount: line.amount, currency: payment.currency } }]
      : [],
  );
}
