import type { EntityManager } from '@mikro-orm/postgresql';
import { lockInvoices, updateInvoice } from '../invoices/invoice-service.ts';
import { type ChargeAllocation, settleCharges, splitOverCharges } from '../late-charges/index.ts';
import { newId } from '../shared/ids.ts';
import { type AllocationInput, checkAllocations } from './check-allocations.ts';
import { Allocation } from './payment.entity.ts';
import type { AllocationRow, PaymentRow } from './payment-service.ts';

/**
 * Settles a recorded payment (with no allocation left) against open invoices: checks the allocations
 * against the invoices locked in this transaction, puts the money on their late-payment charges first
 * where some are open (art. 6:44 BW; late-charges' `splitOverCharges`), writes the allocations and
 * lowers the invoices' open amounts. What a new payment and a reallocated one both do.
 */
export async function allocatePayment(
  em: EntityManager,
  tenantId: string,
  payment: PaymentRow,
  inputs: readonly AllocationInput[],
): Promise<{ allocations: AllocationRow[]; chargeAllocations: ChargeAllocation[] }> {
  const invoices = await lockInvoices(em, [...new Set(inputs.map((a) => a.invoiceId))]);
  checkAllocations(payment, [...inputs], invoices);
  const split = await splitOverCharges(
    em,
    payment.amount,
    inputs,
    new Map(invoices.map((invoice) => [invoice.id, invoice.dueDate])),
  );
  const allocations = split.allocations.map((a) =>
    em.create(Allocation, {
      id: newId('allocation'),
      tenantId,
      paymentId: payment.id,
      invoiceId: a.invoiceId,
      amount: a.amount,
    }),
  );
  const openAmounts = new Map(invoices.map((invoice) => [invoice.id, invoice.openAmount]));
  for (const allocation of allocations) {
    // The invoices module owns the row: it keeps the open amount's sign and sets 'paid' at zero.
    const openAmount = (openAmounts.get(allocation.invoiceId) as number) - allocation.amount;
    await updateInvoice(em, allocation.invoiceId, { openAmount }, 'payment');
  }
  await em.flush();
  const chargeAllocations = await settleCharges(em, payment.id, split.charges);
  return { allocations, chargeAllocations };
}
