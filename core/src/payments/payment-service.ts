import type { FilterQuery, InferEntity } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { getAdministration } from '../administrations/administration-service.ts';
import { getDebtor } from '../debtors/debtor-service.ts';
import { recordEvent } from '../events/index.ts';
import { type ChargeAllocation, chargeAllocationsOf, chargeAllocationView } from '../late-charges/index.ts';
import { conflict, invalid, notFound } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { Joi } from '../shared/joi.ts';
import { currency, instant, isoDate, minorUnits, named, prefixedId } from '../shared/schemas.ts';
import { allocatePayment } from './allocate-payment.ts';
import type { AllocationInput } from './check-allocations.ts';
import { Allocation, Payment } from './payment.entity.ts';
import { paymentReceivedPayload } from './payment-received.ts';

export type PaymentRow = InferEntity<typeof Payment>;
export type AllocationRow = InferEntity<typeof Allocation>;

export interface PaymentInput {
  administrationId: string;
  debtorId?: string | null;
  externalId?: string | null;
  /** Positive minor units. */
  amount: number;
  /** Defaults to the administration's currency. */
  currency?: string;
  valueDate: string;
  method?: string | null;
  reference?: string | null;
  payerName?: string | null;
  payerIban?: string | null;
  allocations?: AllocationInput[];
}

export interface PaymentFilter {
  administrationId?: string;
  debtorId?: string;
  /** Inclusive bounds on the value date. */
  valueDateFrom?: string;
  valueDateTo?: string;
  after?: string;
  limit: number;
}

export interface PaymentWithAllocations {
  payment: PaymentRow;
  /** What the payment settled of the invoices' principal (and the credit notes it used). */
  allocations: AllocationRow[];
  /** What it settled of their late-payment charges (art. 6:44 BW: before the principal). */
  chargeAllocations: ChargeAllocation[];
}

/** A payment with its allocations as the API answers it: what `presentPayment` builds. */
export const paymentView = named(
  'Payment',
  Joi.object({
    id: prefixedId('pay').required(),
    administrationId: prefixedId('adm').required(),
    debtorId: prefixedId('dbt').allow(null).required(),
    externalId: Joi.string().allow(null).required(),
    amount: minorUnits.required(),
    currency: currency.required(),
    valueDate: isoDate.required(),
    method: Joi.string().allow(null).required(),
    reference: Joi.string().allow(null).required(),
    payerName: Joi.string().allow(null).required(),
    payerIban: Joi.string().allow(null).required(),
    allocatedAmount: minorUnits
      .required()
      .description('The signed total of the allocations, those to late-payment charges included'),
    allocations: Joi.array()
      .items(
        named(
          'Allocation',
          Joi.object({
            id: prefixedId('alc').required(),
            invoiceId: prefixedId('inv').required(),
            amount: minorUnits.required(),
            createdAt: instant.required(),
          }),
        ),
      )
      .required()
      .description('What the payment settled of invoices’ principal and credit notes'),
    chargeAllocations: Joi.array()
      .items(chargeAllocationView)
      .required()
      .description(
        'What the payment settled of late-payment charges claimed on those invoices: costs, then interest, before principal (art. 6:44 BW)',
      ),
    reversedAt: instant
      .allow(null)
      .required()
      .description('When the payment was reversed: it then settles nothing and is no credit of the debtor'),
    reversalReason: Joi.string().allow(null).required(),
    createdAt: instant.required(),
  }),
);

export function presentPayment(
  p: PaymentRow,
  allocations: AllocationRow[],
  chargeAllocations: readonly ChargeAllocation[] = [],
) {
  return {
    id: p.id,
    administrationId: p.administrationId,
    debtorId: p.debtorId ?? null,
    externalId: p.externalId ?? null,
    amount: p.amount,
    currency: p.currency,
    valueDate: p.valueDate,
    method: p.method ?? null,
    reference: p.reference ?? null,
    payerName: p.payerName ?? null,
    payerIban: p.payerIban ?? null,
    allocatedAmount:
      allocations.reduce((sum, a) => sum + a.amount, 0) +
      chargeAllocations.reduce((sum, a) => sum + a.amount, 0),
    allocations: allocations.map((a) => ({
      id: a.id,
      invoiceId: a.invoiceId,
      amount: a.amount,
      createdAt: a.createdAt,
    })),
    chargeAllocations: [...chargeAllocations],
    reversedAt: p.reversedAt ?? null,
    reversalReason: p.reversalReason ?? null,
    createdAt: p.createdAt,
  };
}

export async function listPayments(em: EntityManager, filter: PaymentFilter): Promise<PaymentRow[]> {
  const where: FilterQuery<PaymentRow>[] = [];
  if (filter.administrationId) where.push({ administrationId: filter.administrationId });
  if (filter.debtorId) where.push({ debtorId: filter.debtorId });
  if (filter.valueDateFrom) where.push({ valueDate: { $gte: filter.valueDateFrom } });
  if (filter.valueDateTo) where.push({ valueDate: { $lte: filter.valueDateTo } });
  if (filter.after) where.push({ id: { $gt: filter.after } });
  return em.find(Payment, { $and: where }, { orderBy: { id: 'asc' }, limit: filter.limit + 1 });
}

/** The allocations of several payments in one query, keyed by payment id, oldest first. */
export async function allocationsOf(
  em: EntityManager,
  paymentIds: string[],
): Promise<Map<string, AllocationRow[]>> {
  const byPayment = new Map<string, AllocationRow[]>(paymentIds.map((id) => [id, []]));
  if (paymentIds.length === 0) return byPayment;
  const rows = await em.find(Allocation, { paymentId: { $in: paymentIds } }, { orderBy: { id: 'asc' } });
  for (const row of rows) byPayment.get(row.paymentId)?.push(row);
  return byPayment;
}

export async function getPayment(em: EntityManager, id: string): Promise<PaymentWithAllocations> {
  const payment = await em.findOne(Payment, { id });
  if (!payment) throw notFound('Payment', id);
  return {
    payment,
    allocations: (await allocationsOf(em, [id])).get(id) ?? [],
    chargeAllocations: (await chargeAllocationsOf(em, [id])).get(id) ?? [],
  };
}

/**
 * Records a payment and settles its allocations against open invoices. When those invoices have late-
 * payment charges open (claimed by a reminder the debtor received), the money goes to the charges
 * first (art. 6:44 BW; late-charges' `splitOverCharges`): each invoice allocation keeps its principal
 * part, the rest becomes charge allocations. `em` must be transactional: any failure throws and the
 * caller's rollback leaves nothing half-written, the charges and the `payment.received` event included.
 */
export async function createPayment(
  em: EntityManager,
  tenantId: string,
  input: PaymentInput,
): Promise<PaymentWithAllocations> {
  const administration = await getAdministration(em, input.administrationId);
  if (input.debtorId) await checkDebtor(em, administration.id, input.debtorId);
  if (input.externalId) await checkExternalId(em, administration.id, input.externalId);
  const { allocations: allocationInputs = [], ...fields } = input;
  const currency = input.currency ?? administration.currency;

  const payment = em.create(Payment, { ...fields, id: newId('payment'), tenantId, currency });
  // The allocation rows reference the payment: write it first.
  await em.flush();
  const { allocations, chargeAllocations } = await allocatePayment(em, tenantId, payment, allocationInputs);
  await recordEvent(em, tenantId, 'payment.received', paymentReceivedPayload(payment, allocations));
  return { payment, allocations, chargeAllocations };
}

async function checkDebtor(em: EntityManager, administrationId: string, debtorId: string): Promise<void> {
  const debtor = await getDebtor(em, debtorId);
  if (debtor.administrationId !== administrationId) {
    throw invalid('debtorId', 'the debtor belongs to another administration');
  }
}

async function checkExternalId(
  em: EntityManager,
  administrationId: string,
  externalId: string,
): Promise<void> {
  const existing = await em.findOne(Payment, { administrationId, externalId });
  if (existing) {
    throw conflict('payment_exists', `Payment ${externalId} already exists in this administration`, {
      externalId,
      id: existing.id,
    });
  }
}
