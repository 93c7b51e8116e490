import type { CollectionCase, DebtorRecord, InvoiceRecord, Money } from '@kredo/sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type CapabilityDeps, callCapability, grantedInstallation } from '../capabilities/call-capability.ts';
import { collectionCase } from '../capabilities/contracts.ts';
import { pluginIdempotencyKey } from '../capabilities/plugin-idempotency-key.ts';
import { readAsTenant } from '../db/tenant-scope.ts';
import { readDebtorRecord } from '../debtors/debtor-records.ts';
import { readOverdueInvoiceRecords } from '../invoices/invoice-records.ts';
import type { CapabilityInstallation } from '../marketplace/index.ts';
import { DomainError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { type CollectionCaseRow, presentCollectionCase } from './collection-case-store.ts';

export interface HandOffRequest {
  debtorId: string;
  /** The collection installation; default the tenant's first. */
  installationId?: string;
  /** The client's Idempotency-Key, when it sent one. */
  requestKey?: string;
}

/** The case the agency opened, and what core stores of it. */
export interface HandedOffCase {
  id: string;
  tenantId: string;
  debtor: DebtorRecord;
  installation: CapabilityInstallation;
  idempotencyKey: string;
  invoiceIds: string[];
  totalOpen: Money;
  caseReference: string;
}

/**
 * Hands a debtor's overdue invoices to a collection agency, through the tenant's collection plugin,
 * in two steps so that no transaction is open during the plugin call (the route's `idempotentCall`
 * runs them). `handOffToCollection`:
 * 1. the debtor and its overdue invoices (due before today in the administration's time zone), in
 *    one currency; none is a 422, and a debtor with a case still running is a 409;
 * 2. the installation, which must have been granted `collection:write` before anything is handed off;
 * 3. the hand-off with a deterministic idempotency key: from the client's Idempotency-Key when it
 *    sent one (so a retry after a failure reaches the agency with the same key), else the case id;
 * `storeCollectionCase`:
 * 4. the case stored with the agency's reference.
 */
export async function handOffToCollection(
  deps: CapabilityDeps,
  tenantId: string,
  request: HandOffRequest,
): Promise<HandedOffCase> {
  const { debtor, invoices } = await readAsTenant(deps.orm, tenantId, async (read) => {
    const debtor = await readDebtorRecord(read, request.debtorId);
    const invoices = await readOverdueInvoiceRecords(read, debtor.id);
    checkInvoices(invoices);
    const [running] = await read.execute<{ id: string }[]>(
      `select id from collection_case where debtor_id = ? and status in ('accepted', 'in_progress') limit 1`,
      [debtor.id],
    );
    if (running) {
      throw new DomainError('collection_case_open', 409, 'The debtor already has a collection case running', {
        caseId: running.id,
      });
    }
    return { debtor, invoices };
  });
  const currency = (invoices[0] as InvoiceRecord).openAmount.currency;

  // The agency gets the debtor's record and overdue invoices, and core records its case.
  const installation = await grantedInstallation(deps, tenantId, 'collection', request.installationId, [
    'debtors:read',
    'invoices:read',
    'collection:write',
  ]);

  const id = newId('collectionCase');
  const idempotencyKey = pluginIdempotencyKey('col', tenantId, debtor.id, request.requestKey, id);
  const totalOpen = { amount: invoices.reduce((sum, i) => sum + i.openAmount.amount, 0), currency };
  const { value: handed } = await callCapability<'collection', CollectionCase>(
    deps,
    tenantId,
    {
      capability: 'collection',
      operation: 'handOff',
      input: { debtor, invoices, totalOpen, idempotencyKey },
      installationId: installation.id,
    },
    collectionCase,
  );
  return {
    id,
    tenantId,
    debtor,
    installation,
    idempotencyKey,
    invoiceIds: invoices.map((invoice) => invoice.id),
    totalOpen,
    caseReference: handed.caseReference,
  };
}

/** Stores the case the agency opened, in the caller's transaction. */
export async function storeCollectionCase(em: EntityManager, handed: HandedOffCase) {
  const { debtor, installation } = handed;
  const [row] = await em.execute<CollectionCaseRow[]>(
    `insert into collection_case (id, tenant_id, administration_id, debtor_id, installation_id, plugin,
       case_reference, idempotency_key, status, invoice_ids, total_amount, currency)
     values (?, ?, ?, ?, ?, ?, ?, ?, 'accepted', array[?]::text[], ?, ?)
     on conflict (tenant_id, installation_id, case_reference) do nothing
     returning *`,
    [
      handed.id,
      handed.tenantId,
      debtor.administrationId,
      debtor.id,
      installation.id,
      installation.plugin,
      handed.caseReference,
      handed.idempotencyKey,
      handed.invoiceIds,
      handed.totalOpen.amount,
      handed.totalOpen.currency,
    ],
  );
  if (!row) {
    throw new DomainError('plugin_bad_answer', 502, `${installation.plugin} reused a case reference`, {
      installationId: installation.id,
    });
  }
  return presentCollectionCase(row);
}

function checkInvoices(invoices: InvoiceRecord[]): void {
  if (invoices.length === 0) {
    throw new DomainError('nothing_overdue', 422, 'The debtor has no overdue open invoices to hand off');
  }
  const currencies = new Set(invoices.map((invoice) => invoice.openAmount.currency));
  if (currencies.size > 1) {
    throw new DomainError(
      'mixed_currencies',
      422,
      'The overdue invoices are in more than one currency; an agency takes one currency per case',
    );
  }
}
