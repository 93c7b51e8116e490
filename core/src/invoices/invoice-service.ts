import { type InferEntity, LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { getAdministration } from '../administrations/administration-service.ts';
import { getDebtor } from '../debtors/debtor-service.ts';
import { conflict, invalid, notFound } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { Joi } from '../shared/joi.ts';
import { currency, instant, isoDate, minorUnits, named, prefixedId } from '../shared/schemas.ts';
import { dueDateOf } from './due-date.ts';
import { Invoice } from './invoice.entity.ts';
import { recordInvoicesCreated } from './invoice-created-events.ts';
import { DOCUMENT_TYPES, type DocumentType, INVOICE_STATUSES, type InvoiceStatus } from './invoice-types.ts';

/** The invoice's vocabulary as the API and the bulk import check it (invoice-types.ts). */
export const documentTypeSchema = Joi.string().valid(...DOCUMENT_TYPES);
export const invoiceStatusSchema = Joi.string().valid(...INVOICE_STATUSES);

export type InvoiceRow = InferEntity<typeof Invoice>;

export interface InvoiceInput {
  administrationId: string;
  debtorId: string;
  number: string;
  documentType: DocumentType;
  issueDate: string;
  dueDate?: string | null;
  amount: number;
  openAmount?: number;
  currency?: string;
  poNumber?: string | null;
  paymentReference?: string | null;
  description?: string | null;
}

export interface InvoicePatch {
  dueDate?: string;
  openAmount?: number;
  status?: InvoiceStatus;
  poNumber?: string | null;
  paymentReference?: string | null;
  description?: string | null;
}

/** An invoice or credit note as the API answers it: what `presentInvoice` builds. */
export const invoiceView = named(
  'Invoice',
  Joi.object({
    id: prefixedId('inv').required(),
    administrationId: prefixedId('adm').required(),
    debtorId: prefixedId('dbt').required(),
    number: Joi.string().required(),
    documentType: documentTypeSchema.required(),
    issueDate: isoDate.required(),
    dueDate: isoDate.required(),
    amount: minorUnits.required().description('Negative for a credit note'),
    openAmount: minorUnits.required(),
    currency: currency.required(),
    status: invoiceStatusSchema.required(),
    poNumber: Joi.string().allow(null).required(),
    paymentReference: Joi.string().allow(null).required(),
    description: Joi.string().allow(null).required(),
    createdAt: instant.required(),
    updatedAt: instant.required(),
  }),
);

export function presentInvoice(i: InvoiceRow) {
  return {
    id: i.id,
    administrationId: i.administrationId,
    debtorId: i.debtorId,
    number: i.number,
    documentType: i.documentType,
    issueDate: i.issueDate,
    dueDate: i.dueDate,
    amount: i.amount,
    openAmount: i.openAmount,
    currency: i.currency,
    status: i.status,
    poNumber: i.poNumber ?? null,
    paymentReference: i.paymentReference ?? null,
    description: i.description ?? null,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
  };
}

/** An invoice row as PostgreSQL returns it: bigint and timestamps as text; dates are text in the entity too. */
export interface InvoiceColumns {
  id: string;
  tenant_id: string;
  administration_id: string;
  debtor_id: string;
  number: string;
  document_type: DocumentType;
  issue_date: string;
  due_date: string;
  amount: string;
  open_amount: string;
  source_open_amount: string | null;
  currency: string;
  status: InvoiceStatus;
  po_number: string | null;
  payment_reference: string | null;
  description: string | null;
  created_at: string;
  updated_at: string;
}

/** The entity's fields from a raw row, for read paths (see `debtorFromColumns`). */
export function invoiceFromColumns(c: InvoiceColumns): InvoiceRow {
  return {
    id: c.id,
    tenantId: c.tenant_id,
    administrationId: c.administration_id,
    debtorId: c.debtor_id,
    number: c.number,
    documentType: c.document_type,
    issueDate: c.issue_date,
    dueDate: c.due_date,
    amount: Number(c.amount),
    openAmount: Number(c.open_amount),
    sourceOpenAmount: c.source_open_amount === null ? null : Number(c.source_open_amount),
    currency: c.currency,
    status: c.status,
    poNumber: c.po_number,
    paymentReference: c.payment_reference,
    description: c.description,
    createdAt: new Date(c.created_at),
    updatedAt: new Date(c.updated_at),
  };
}

export async function getInvoice(em: EntityManager, id: string): Promise<InvoiceRow> {
  const invoice = await em.findOne(Invoice, { id });
  if (!invoice) throw notFound('Invoice', id);
  return invoice;
}

/** A debtor's open documents, oldest due first, as plain data: what the debtor card and the portal show. */
export async function openInvoicesOf(em: EntityManager, debtorId: string): Promise<InvoiceRow[]> {
  const rows = await em.execute<InvoiceColumns[]>(
    `select * from invoice where debtor_id = ? and status = 'open' order by due_date, id`,
    [debtorId],
  );
  return rows.map(invoiceFromColumns);
}

/**
 * Locks invoices for the rest of the caller's transaction and returns them as they are now: whoever
 * changes an open amount (a payment allocation) must read it under this lock. Rows are locked in id
 * order so two transactions touching the same invoices cannot deadlock. Ids not visible are absent.
 */
export async function lockInvoices(em: EntityManager, ids: string[]): Promise<InvoiceRow[]> {
  if (ids.length === 0) return [];
  return em.find(
    Invoice,
    { id: { $in: ids } },
    { orderBy: { id: 'asc' }, lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
  );
}

export async function createInvoice(
  em: EntityManager,
  tenantId: string,
  input: InvoiceInput,
): Promise<InvoiceRow> {
  const administration = await getAdministration(em, input.administrationId);
  const debtor = await getDebtor(em, input.debtorId);
  if (debtor.administrationId !== administration.id) {
    throw invalid('debtorId', 'the debtor belongs to another administration');
  }
  const existing = await em.findOne(Invoice, {
    administrationId: input.administrationId,
    documentType: input.documentType,
    number: input.number,
  });
  if (existing) {
    throw conflict(
      'invoice_exists',
      `${input.documentType} ${input.number} already exists in this administration`,
      {
        id: existing.id,
      },
    );
  }
  const amount = input.documentType === 'credit_note' ? -Math.abs(input.amount) : input.amount;
  const openAmount = input.openAmount === undefined ? amount : Math.sign(amount) * Math.abs(input.openAmount);
  checkOpenAmount(amount, openAmount);
  const dueDate = dueDateOf(input.issueDate, input.dueDate, administration.paymentTermDays);
  if (dueDate < input.issueDate) throw invalid('dueDate', 'must not be before issueDate');
  const invoice = em.create(Invoice, {
    ...input,
    id: newId('invoice'),
    tenantId,
    amount,
    openAmount,
    dueDate,
    currency: input.currency ?? administration.currency,
    status: openAmount === 0 ? 'paid' : 'open',
    sourceOpenAmount: openAmount,
  });
  await em.flush();
  await recordInvoicesCreated(em, 'invoice i where i.id = $1', [invoice.id]);
  return invoice;
}

/**
 * Changes an invoice. An open amount sent by the ERP (the default) also becomes the ERP's last known
 * open amount, which imports compare against; one registered in Kredo (`source: 'payment'`) does not,
 * so that re-importing an unchanged ERP file cannot undo a payment Kredo registered.
 */
export async function updateInvoice(
  em: EntityManager,
  id: string,
  patch: InvoicePatch,
  source: 'erp' | 'payment' = 'erp',
): Promise<InvoiceRow> {
  const invoice = await getInvoice(em, id);
  if (patch.dueDate !== undefined && patch.dueDate < invoice.issueDate) {
    throw invalid('dueDate', 'must not be before issueDate');
  }
  if (patch.openAmount !== undefined) {
    const openAmount = Math.sign(invoice.amount) * Math.abs(patch.openAmount);
    checkOpenAmount(invoice.amount, openAmount);
    patch.openAmount = openAmount;
  }
  em.assign(invoice, patch);
  if (patch.openAmount !== undefined && source === 'erp') invoice.sourceOpenAmount = patch.openAmount;
  if (
    patch.status === undefined &&
    patch.openAmount !== undefined &&
    ['open', 'paid'].includes(invoice.status)
  ) {
    invoice.status = invoice.openAmount === 0 ? 'paid' : 'open';
  }
  if (invoice.status === 'paid' && invoice.openAmount !== 0) {
    throw invalid('status', 'paid needs an open amount of 0');
  }
  if (invoice.status === 'open' && invoice.openAmount === 0) {
    throw invalid('status', 'open needs an open amount other than 0');
  }
  await em.flush();
  return invoice;
}

function checkOpenAmount(amount: number, openAmount: number) {
  if (Math.abs(openAmount) > Math.abs(amount)) throw invalid('openAmount', 'must not exceed the amount');
}
