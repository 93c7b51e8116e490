import type { InvoiceCopy, InvoiceRecord } from '@kredo/sdk';
import { type CapabilityDeps, callCapability } from '../capabilities/call-capability.ts';
import { invoiceCopyMaxBytes, invoiceCopy as invoiceCopySchema } from '../capabilities/contracts.ts';
import { readAsTenant } from '../db/tenant-scope.ts';
import { readInvoiceRecords } from '../invoices/invoice-records.ts';
import { runFilters } from '../plugin-runtime/run-filters.ts';
import { DomainError, notFound } from '../shared/errors.ts';

export interface InvoiceCopyDeps extends CapabilityDeps {
  /** How long each `invoice.copy` filter may take, in ms (the runtime's own limit applies too). */
  filterDeadlineMs: number;
}

/** One plugin asked for the copy, and why it gave none. */
export interface CopyAttempt {
  installationId: string;
  via: 'invoice.copy' | 'invoiceCopy.fetchCopy';
  code: string;
  message: string;
}

export interface FetchedCopy {
  invoice: InvoiceRecord;
  pdf: Buffer;
  installationId: string;
}

/**
 * The PDF of an invoice, from the tenant's plugins:
 * 1. the invoice, as plugins see it;
 * 2. the `invoice.copy` filter of each plugin declaring it, in run order, each under the deadline;
 *    the first valid PDF wins, `null` passes to the next plugin, a failure or a bad answer is noted;
 * 3. failing that, `fetchCopy` of the tenant's invoice-copy plugin, by invoice number;
 * 4. no copy: `invoice_copy_unavailable` (404), naming every plugin asked and why it gave none.
 * A plugin that fails or is slow never fails the request while another can answer.
 */
export async function fetchInvoiceCopy(
  deps: InvoiceCopyDeps,
  tenantId: string,
  invoiceId: string,
): Promise<FetchedCopy> {
  const [invoice] = await readAsTenant(deps.orm, tenantId, (em) => readInvoiceRecords(em, [invoiceId]));
  if (!invoice) throw notFound('Invoice', invoiceId);

  const attempts: CopyAttempt[] = [];
  const outcomes = await runFilters(
    deps.runtime,
    tenantId,
    'invoice.copy',
    { invoice },
    { deadlineMs: deps.filterDeadlineMs, until: (value) => value !== null && readCopy(value).ok },
  );
  for (const outcome of outcomes) {
    const via = 'invoice.copy' as const;
    if (!outcome.ok) {
      attempts.push({ installationId: outcome.installationId, via, ...outcome.error });
      continue;
    }
    if (outcome.value === null) {
      attempts.push({
        installationId: outcome.installationId,
        via,
        code: 'no_copy',
        message: 'answered null',
      });
      continue;
    }
    const copy = readCopy(outcome.value);
    if (copy.ok) return { invoice, pdf: copy.pdf, installationId: outcome.installationId };
    attempts.push({ installationId: outcome.installationId, via, code: 'bad_copy', message: copy.problem });
  }

  const fetched = await fetchFromCapability(deps, tenantId, invoice, attempts);
  if (fetched) return fetched;
  throw new DomainError(
    'invoice_copy_unavailable',
    404,
    attempts.length === 0
      ? `No plugin provides invoice copies; install one from the marketplace`
      : `No plugin supplied a copy of invoice ${invoice.number}`,
    {
      invoiceId,
      attempts: attempts.map(({ installationId, via, code, message }) => ({
        installationId,
        via,
        code,
        message,
      })),
    },
  );
}

async function fetchFromCapability(
  deps: InvoiceCopyDeps,
  tenantId: string,
  invoice: InvoiceRecord,
  attempts: CopyAttempt[],
): Promise<FetchedCopy | undefined> {
  const via = 'invoiceCopy.fetchCopy' as const;
  try {
    const { installation, value } = await callCapability<'invoiceCopy', InvoiceCopy>(
      deps,
      tenantId,
      { capability: 'invoiceCopy', operation: 'fetchCopy', input: { invoiceNumber: invoice.number } },
      invoiceCopySchema,
    );
    const copy = readCopy(value);
    if (copy.ok) return { invoice, pdf: copy.pdf, installationId: installation.id };
    attempts.push({ installationId: installation.id, via, code: 'bad_copy', message: copy.problem });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.code === 'capability_not_installed') return undefined;
    const installationId = String((error.details as { installationId?: unknown })?.installationId ?? '');
    attempts.push({ installationId, via, code: error.code, message: error.message });
  }
  return undefined;
}

/** A plugin's copy, checked: the contract, then the bytes are a PDF no larger than the maximum. */
function readCopy(value: unknown): { ok: true; pdf: Buffer } | { ok: false; problem: string } {
  const { error, value: copy } = invoiceCopySchema.validate(value, { stripUnknown: true });
  if (error) return { ok: false, problem: `not an invoice copy: ${error.message}` };
  const pdf = Buffer.from((copy as InvoiceCopy).base64, 'base64');
  if (pdf.length > invoiceCopyMaxBytes) return { ok: false, problem: 'larger than 10 MiB' };
  if (!pdf.subarray(0, 5).equals(Buffer.from('%PDF-'))) return { ok: false, problem: 'not a PDF document' };
  return { ok: true, pdf };
}
