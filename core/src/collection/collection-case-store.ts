import type { CollectionStatusUpdate } from '@kredo/sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Joi } from '../shared/joi.ts';
import { instant, money, named, prefixedId } from '../shared/schemas.ts';

/** A collection case as stored; `invoice_ids` are the overdue invoices handed off, oldest due first. */
export interface CollectionCaseRow {
  id: string;
  administration_id: string;
  debtor_id: string;
  installation_id: string;
  plugin: string;
  case_reference: string;
  idempotency_key: string;
  status: CollectionStatusUpdate['status'];
  invoice_ids: string[];
  total_amount: string | number;
  currency: string;
  collected_amount: string | number;
  note: string | null;
  created_at: string | Date;
  updated_at: string | Date;
}

/** A collection case as the API answers it: what `presentCollectionCase` builds. */
export const collectionCaseView = named(
  'CollectionCase',
  Joi.object({
    id: prefixedId('col').required(),
    debtorId: prefixedId('dbt').required(),
    installationId: prefixedId('ins').required(),
    plugin: Joi.string().required(),
    caseReference: Joi.string().required().description("The agency's"),
    status: Joi.string()
      .valid('accepted', 'in_progress', 'paid', 'partially_paid', 'closed', 'rejected')
      .required(),
    invoiceIds: Joi.array().items(prefixedId('inv')).required(),
    totalAmount: money.required(),
    collected: money.required(),
    note: Joi.string().allow(null, '').required(),
    createdAt: instant.required(),
    updatedAt: instant.required(),
  }),
);

export function presentCollectionCase(row: CollectionCaseRow) {
  return {
    id: row.id,
    debtorId: row.debtor_id,
    installationId: row.installation_id,
    plugin: row.plugin,
    caseReference: row.case_reference,
    status: row.status,
    invoiceIds: row.invoice_ids,
    totalAmount: { amount: Number(row.total_amount), currency: row.currency },
    collected: { amount: Number(row.collected_amount), currency: row.currency },
    note: row.note,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

/**
 * An agency's status update on its case, by installation and case reference (locked). The collected
 * amount is taken only in the case's currency. Undefined when the installation has no such case.
 */
export async function applyCollectionUpdate(
  em: EntityManager,
  installationId: string,
  update: CollectionStatusUpdate,
): Promise<CollectionCaseRow | undefined> {
  const [found] = await em.execute<CollectionCaseRow[]>(
    'select * from collection_case where installation_id = ? and case_reference = ? for update',
    [installationId, update.caseReference],
  );
  if (!found) return undefined;
  const collected =
    update.collected && update.collected.currency === found.currency ? update.collected.amount : null;
  const [row] = await em.execute<CollectionCaseRow[]>(
    `update collection_case set status = ?, collected_amount = coalesce(?, collected_amount),
       note = coalesce(?, note), updated_at = now()
     where id = ? returning *`,
    [update.status, collected, update.note ?? null, found.id],
  );
  return row;
}
