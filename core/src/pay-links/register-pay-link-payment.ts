import type { PaymentRegistration } from '@kredo/sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { getAdministration } from '../administrations/administration-service.ts';
import { paymentRegistration } from '../capabilities/contracts.ts';
import type { Orm } from '../db/orm.ts';
import { tenantEm } from '../db/tenant-scope.ts';
import { lockInvoices } from '../invoices/invoice-service.ts';
import type { CapabilityInstallation } from '../marketplace/index.ts';
import { createPayment } from '../payments/payment-service.ts';
import { dateIn } from '../shared/date-in.ts';
import type { PayLinkRow } from './pay-link-store.ts';

export type RegistrationOutcome = 'registered' | 'already_registered' | 'ignored';

/**
 * A pay-link plugin reported a completed payment from its provider's webhook. Core registers it only
 * for a link it created through that installation, only with `payments:write` granted, and exactly
 * once (the link is locked, and the payment's external id is the link's id):
 * 1. the report, checked against the contract;
 * 2. the link, by installation and provider reference, locked; a paid link answers `already_registered`;
 * 3. the payment (in the link's currency, at most the link's amount), allocated over the link's invoices oldest due first, each up to what is still open
 *    (a debtor may have paid one by bank meanwhile); what is left stays unallocated on the payment;
 * 4. the link marked paid. All in one transaction, with the `payment.received` event.
 * What does not add up is `ignored` and logged: the provider still gets the plugin's answer.
 */
export async function registerPayLinkPayment(
  orm: Orm,
  logger: Logger,
  tenantId: string,
  installation: CapabilityInstallation,
  reported: unknown,
): Promise<RegistrationOutcome> {
  const where = { tenantId, installationId: installation.id };
  const { error, value } = paymentRegistration.validate(reported, { stripUnknown: true });
  if (error) {
    logger.warn({ ...where, problem: error.message }, 'a pay-link plugin reported a malformed payment');
    return 'ignored';
  }
  if (!installation.grantedScopes.includes('payments:write')) {
    logger.warn(where, 'a pay-link plugin without payments:write reported a payment; not registered');
    return 'ignored';
  }
  const payment = value as PaymentRegistration;
  return tenantEm(orm, tenantId).transactional(async (tx) => {
    const em = tx as EntityManager;
    const [link] = await em.execute<PayLinkRow[]>(
      'select * from pay_link where installation_id = ? and provider_reference = ? for update',
      [installation.id, payment.providerReference],
    );
    if (!link) {
      logger.warn({ ...where, reference: payment.providerReference }, 'a payment for an unknown pay link');
      return 'ignored';
    }
    if (link.status === 'paid') return 'already_registered';
    // A link asks a fixed amount: a report above it is not money the link can have brought in.
    const amount = payment.amount.amount;
    if (payment.amount.currency !== link.currency || amount <= 0 || amount > Number(link.amount)) {
      logger.warn(
        { ...where, payLinkId: link.id },
        'a pay-link payment in another currency, without amount or above the link amount',
      );
      return 'ignored';
    }
    const allocations = await allocate(em, link.invoice_ids, payment.amount.amount);
    const { payment: registered } = await createPayment(em, tenantId, {
      administrationId: link.administration_id,
      debtorId: link.debtor_id,
      externalId: link.id,
      amount: payment.amount.amount,
      currency: link.currency,
      // A business date: the day the provider says it was paid, in the administration's time zone.
      valueDate: dateIn(
        (await getAdministration(em, link.administration_id)).timeZone,
        new Date(payment.paidAt),
      ),
      method: 'pay_link',
      reference: payment.providerReference,
      allocations,
    });
    await em.execute("update pay_link set status = 'paid', payment_id = ?, paid_at = ? where id = ?", [
      registered.id,
      payment.paidAt,
      link.id,
    ]);
    return 'registered';
  });
}

async function allocate(em: EntityManager, invoiceIds: string[], amount: number) {
  const invoices = new Map((await lockInvoices(em, invoiceIds)).map((invoice) => [invoice.id, invoice]));
  const allocations: { invoiceId: string; amount: number }[] = [];
  let left = amount;
  for (const id of invoiceIds) {
    const invoice = invoices.get(id);
    if (invoice?.status !== 'open' || invoice.openAmount <= 0 || left <= 0) continue;
    const part = Math.min(invoice.openAmount, left);
    allocations.push({ invoiceId: id, amount: part });
    left -= part;
  }
  return allocations;
}
