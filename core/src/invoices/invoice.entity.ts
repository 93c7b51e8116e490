import { defineEntity, p } from '@mikro-orm/core';
import type { DocumentType, InvoiceStatus } from './invoice-types.ts';

/** An invoice or credit note. Money is signed integer minor units: credit notes are negative. */
export const Invoice = defineEntity({
  name: 'Invoice',
  tableName: 'invoice',
  properties: {
    id: p.string().primary(),
    tenantId: p.string(),
    administrationId: p.string(),
    debtorId: p.string(),
    number: p.string(),
    documentType: p.string().$type<DocumentType>(),
    issueDate: p.string().columnType('date'),
    dueDate: p.string().columnType('date'),
    amount: p.bigint('number'),
    openAmount: p.bigint('number'),
    /** The open amount the ERP last sent: imports compare with it, so payments made in Kredo survive a re-import. */
    sourceOpenAmount: p.bigint('number').nullable(),
    currency: p.string(),
    status: p.string().$type<InvoiceStatus>(),
    poNumber: p.string().nullable(),
    paymentReference: p.string().nullable(),
    description: p.string().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p
      .datetime()
      .onCreate(() => new Date())
      .onUpdate(() => new Date()),
  },
});
