import type { OverdueNotice } from '@kredo/sdk';
import { type CapabilityDeps, callCapability } from '../capabilities/call-capability.ts';
import { overdueNotification } from '../capabilities/contracts.ts';
import { readAsTenant, tenantEm } from '../db/tenant-scope.ts';
import { readDebtorRecords } from '../debtors/debtor-records.ts';
import { readInvoiceRecords } from '../invoices/invoice-records.ts';
import { forEachTenant } from '../jobs/for-each-tenant.ts';
import { capabilityInstallation } from '../marketplace/index.ts';
import { DomainError } from '../shared/errors.ts';
import { claimDueNotices, NOTICE_SCOPES } from './claim-notices.ts';

/** Thrown at the end of a run that left notices to retry, so the job queue runs it again with backoff. */
export class RetryableNoticeError extends Error {
  override name = 'RetryableNoticeError';
}

export interface NoticeRun {
  claimed: number;
  sent: number;
  failed: number;
  /** Left pending after a retryable failure. */
  retrying: number;
}

interface Batch {
  idempotency_key: string;
  installation_id: string;
  cover_reference: string;
  debtor_id: string;
  invoice_ids: string[];
  overdue_amount: string | number;
  currency: string;
}

/**
 * Tells credit insurers about their covered debtors' overdue invoices (`notifyOverdue`), every tenant
 * in turn under row-level security:
 * 1. write the notices that became due, `pending`, under their unique key (claimDueNotices), and commit;
 * 2. for each pending batch (one debtor, one currency, one idempotency key), outside any transaction so
 *    a slow insurer holds no locks: the installation, still granted NOTICE_SCOPES (else
 *    `skipped_scope`), then `notifyOverdue` with the debtor, its invoices and the key;
 * 3. record the answer: `sent` with the insurer's reference, `failed` for a failure that will not go
 *    away, or still `pending` (with the error) for a retryable one.
 * A batch left pending (a retryable failure, a crash after the call) is sent again by the next run with
 * the same key, so the insurer can tell a retry from a new notice; a `sent` one never is. The run
 * throws RetryableNoticeError at the end when it left any pending, for the job queue's backoff.
 */
export async function notifyInsurers(deps: CapabilityDeps): Promise<NoticeRun> {
  const run: NoticeRun = { claimed: 0, sent: 0, failed: 0, retrying: 0 };
  await forEachTenant(deps.orm, async ({ tenantId }) => {
    run.claimed += await tenantEm(deps.orm, tenantId).transactional((em) => claimDueNotices(em));
    const batches = await readAsTenant(deps.orm, tenantId, (em) =>
      em.execute<Batch[]>(
        `select idempotency_key, installation_id, cover_reference, debtor_id, currency,
           array_agg(invoice_id order by due_date, invoice_id) as invoice_ids, sum(open_amount) as overdue_amount
         from insurer_notice where status = 'pending'
         group by idempotency_key, installation_id, cover_reference, debtor_id, currency
         order by idempotency_key`,
      ),
    );
    for (const batch of batches) {
      const outcome = await sendBatch(deps, tenantId, batch);
      if (outcome === 'sent') run.sent += 1;
      else if (outcome === 'retrying') run.retrying += 1;
      else run.failed += 1;
    }
  });
  if (run.retrying > 0) {
    throw new RetryableNoticeError(`${run.retrying} insurer notice(s) failed and will be retried`);
  }
  return run;
}

async function sendBatch(deps: CapabilityDeps, tenantId: string, batch: Batch) {
  const record = (status: string, values: { reference?: string; error?: unknown }) =>
    tenantEm(deps.orm, tenantId).execute(
      `update insurer_notice set status = ?, notification_reference = coalesce(?, notification_reference),
         last_error = coalesce(?::jsonb, last_error), attempts = attempts + 1, updated_at = now()
       where idempotency_key = ? and status = 'pending'`,
      [
        status,
        values.reference ?? null,
        values.error ? JSON.stringify(values.error) : null,
        batch.idempotency_key,
      ],
    );
  try {
    const { debtor, invoices } = await readAsTenant(deps.orm, tenantId, async (em) => {
      const installation = await capabilityInstallation(em, 'creditInsurance', batch.installation_id);
      if (!NOTICE_SCOPES.every((scope) => installation.grantedScopes.includes(scope))) return {};
      const [debtor] = await readDebtorRecords(em, [batch.debtor_id]);
      return { debtor, invoices: await readInvoiceRecords(em, batch.invoice_ids) };
    });
    if (!debtor || !invoices) {
      await record('skipped_scope', {});
      return 'skipped' as const;
    }
    const notice: OverdueNotice = {
      coverReference: batch.cover_reference,
      debtor,
      invoices,
      overdueAmount: { amount: Number(batch.overdue_amount), currency: batch.currency },
      idempotencyKey: batch.idempotency_key,
    };
    const { value } = await callCapability<'creditInsurance', { notificationReference: string }>(
      deps,
      tenantId,
      {
        capability: 'creditInsurance',
        operation: 'notifyOverdue',
        input: notice,
        installationId: batch.installation_id,
      },
      overdueNotification,
    );
    await record('sent', { reference: value.notificationReference });
    return 'sent' as const;
  } catch (error) {
    const failure = asFailure(error);
    const at = new Date().toISOString();
    await record(failure.retryable ? 'pending' : 'failed', { error: { ...failure, at } });
    return failure.retryable ? ('retrying' as const) : ('failed' as const);
  }
}

/** A domain error is retryable when the plugin said so or ran out of time; anything else unexpected is too. */
function asFailure(error: unknown): { code: string; message: string; retryable: boolean } {
  if (error instanceof DomainError) {
    const retryable =
      error.code === 'plugin_timeout' ||
      (error.code === 'plugin_failed' && error.details?.retryable === true);
    return { code: String(error.details?.pluginCode ?? error.code), message: error.message, retryable };
  }
  return {
    code: 'internal_error',
    message: error instanceof Error ? error.message : String(error),
    retryable: true,
  };
}
