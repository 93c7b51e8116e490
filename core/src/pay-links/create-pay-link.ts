import type { InvoiceRecord, PayLink } from '@kredo/sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type CapabilityDeps, callCapability, grantedInstallation } from '../capabilities/call-capability.ts';
import { payLink as payLinkSchema } from '../capabilities/contracts.ts';
import { pluginIdempotencyKey } from '../capabilities/plugin-idempotency-key.ts';
import { readAsTenant } from '../db/tenant-scope.ts';
import { readDebtorRecord } from '../debtors/debtor-records.ts';
import { readInvoiceRecords, readOpenInvoiceRecords } from '../invoices/invoice-records.ts';
import type { CapabilityInstallation } from '../marketplace/index.ts';
import { DomainError, invalid } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { type PayLinkRow, presentPayLink } from './pay-link-store.ts';

export interface PayLinkDeps extends CapabilityDeps {
  /** Core's public base URL (no trailing slash), for the webhook URL the provider calls. */
  publicUrl(): string;
}

export interface PayLinkRequest {
  debtorId: string;
  /** Default: every open invoice of the debtor. */
  invoiceIds?: string[];
  installationId?: string;
  redirectUrl?: string;
  /** The client's Idempotency-Key, from which the provider's key is derived. */
  requestKey?: string;
}

/** What the plugin made, and what core stores of it. */
export interface CreatedPayLink {
  id: string;
  tenantId: string;
  administrationId: string;
  debtorId: string;
  installation: CapabilityInstallation;
  amount: number;
  currency: string;
  invoiceIds: string[];
  link: PayLink;
}

/**
 * A pay link for a debtor's open invoices, through the tenant's pay-link plugin, in two steps so that
 * no transaction is open during the plugin call (the route's `idempotentCall` runs them):
 * `createPayLink`:
 * 1. the invoices: the ones named (each the debtor's, open, with a positive open amount) or all open
 *    ones; one currency; the amount is the sum of their open amounts;
 * 2. the installation, and the webhook URL its provider reports payments to;
 * 3. the plugin creates the link (its answer checked against the contract);
 * `storePayLink`:
 * 4. the link is stored, so the provider's webhook later maps to exactly these invoices.
 */
export async function createPayLink(
  deps: PayLinkDeps,
  tenantId: string,
  request: PayLinkRequest,
): Promise<CreatedPayLink> {
  const { debtor, invoices } = await readAsTenant(deps.orm, tenantId, async (read) => {
    const debtor = await readDebtorRecord(read, request.debtorId);
    const invoices = request.invoiceIds
      ? await readInvoiceRecords(read, request.invoiceIds)
      : (await readOpenInvoiceRecords(read, request.debtorId)).filter((i) => i.documentType === 'invoice');
    return { debtor, invoices };
  });
  checkInvoices(debtor.id, invoices, request.invoiceIds);
  const currency = (invoices[0] as InvoiceRecord).openAmount.currency;
  const amount = invoices.reduce((sum, invoice) => sum + invoice.openAmount.amount, 0);

  // The provider is told which invoices the link pays, and their total.
  const installation = await grantedInstallation(deps, tenantId, 'payLink', request.installationId, [
    'invoices:read',
  ]);
  const webhook = installation.webhooks[0];
  const numbers = invoices.map((invoice) => invoice.number).join(', ');
  const id = newId('payLink');
  const input = {
    idempotencyKey: pluginIdempotencyKey('plk', tenantId, debtor.id, request.requestKey, id),
    amount,
    currency,
    invoiceIds: invoices.map((invoice) => invoice.id),
    description: `${invoices.length === 1 ? 'Invoice' : 'Invoices'} ${numbers}`.slice(0, 255),
    ...(request.redirectUrl ? { redirectUrl: request.redirectUrl } : {}),
    ...(webhook
      ? {
          webhookUrl: `${deps.publicUrl().replace(/\/+$/, '')}/api/v1/plugins/${installation.id}/webhooks/${webhook}`,
        }
      : {}),
  };
  const { value: link } = await callCapability<'payLink', PayLink>(
    deps,
    tenantId,
    { capability: 'payLink', operation: 'createLink', input, installationId: installation.id },
    payLinkSchema,
  );
  return {
    id,
    tenantId,
    administrationId: debtor.administrationId,
    debtorId: debtor.id,
    installation,
    amount,
    currency,
    invoiceIds: input.invoiceIds,
    link,
  };
}

/** Stores a link the plugin made, in the caller's transaction. */
export async function storePayLink(em: EntityManager, created: CreatedPayLink) {
  const { installation, link } = created;
  const [row] = await em.execute<PayLinkRow[]>(
    `insert into pay_link (id, tenant_id, administration_id, debtor_id, installation_id, plugin,
       provider_reference, url, expires_at, amount, currency, invoice_ids)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, array[?]::text[])
     on conflict (tenant_id, installation_id, provider_reference) do nothing
     returning *`,
    [
      created.id,
      created.tenantId,
      created.administrationId,
      created.debtorId,
      installation.id,
      installation.plugin,
      link.providerReference,
      link.url,
      link.expiresAt,
      created.amount,
      created.currency,
      created.invoiceIds,
    ],
  );
  if (!row) {
    throw new DomainError('plugin_bad_answer', 502, `${installation.plugin} reused a provider reference`, {
      installationId: installation.id,
    });
  }
  return presentPayLink(row);
}

function checkInvoices(debtorId: string, invoices: InvoiceRecord[], asked: string[] | undefined): void {
  if (asked) {
    const found = new Set(invoices.map((invoice) => invoice.id));
    const missing = asked.find((id) => !found.has(id));
    if (missing) throw invalid('invoiceIds', `invoice ${missing} does not exist`);
    const bad = invoices.find(
      (i) => i.debtorId !== debtorId || i.status !== 'open' || i.openAmount.amount <= 0,
    );
    if (bad) throw invalid('invoiceIds', `invoice ${bad.number} is not an open invoice of this debtor`);
  }
  if (invoices.length === 0) {
    throw new DomainError('nothing_to_pay', 422, 'The debtor has no open invoices to pay');
  }
  if (new Set(invoices.map((invoice) => invoice.openAmount.currency)).size > 1) {
    throw invalid('invoiceIds', 'the invoices are in more than one currency; ask one link per currency');
  }
}
