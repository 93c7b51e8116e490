import { defineEntity, p } from '@mikro-orm/core';

export const Payment = defineEntity({
  name: 'Payment',
  tableName: 'payment',
  properties: {
    id: p.string().primary(),
    tenantId: p.string(),
    administrationId: p.string(),
    debtorId: p.string().nullable(),
    /** The bank's or ERP's own key, unique per administration: what imports upsert on. */
    externalId: p.string().nullable(),
    amount: p.bigint('number'),
    currency: p.string(),
    valueDate: p.string().columnType('date'),
    method: p.string().nullable(),
    reference: p.string().nullable(),
    payerName: p.string().nullable(),
    payerIban: p.string().nullable(),
    /** Set when the payment was reversed: it keeps its row and history but no allocation. */
    reversedAt: p.datetime().nullable(),
    reversedBy: p.string().nullable(),
    reversalReason: p.string().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

/** The part of a payment settled against one invoice. */
export const Allocation = defineEntity({
  name: 'Allocation',
  tableName: 'allocation',
  properties: {
    id: p.string().primary(),
    tenantId: p.string(),
    paymentId: p.string(),
    invoiceId: p.string(),
    amount: p.bigint('number'),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});
