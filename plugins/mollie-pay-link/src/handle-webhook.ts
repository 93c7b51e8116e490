import {
  fail,
  ok,
  type PayLinkWebhookOutcome,
  type PaymentRegistration,
  type PluginContext,
  type Result,
  type WebhookRequest,
} from '@kredo/sdk';
import { parseFormBody } from './form-body.ts';
import { fromMollieValue } from './mollie-amount.ts';
import { type MolliePayment, mollieError, mollieFetch, parseJson } from './mollie-api.ts';

const PAYMENT_ID = /^tr_[A-Za-z0-9]{1,64}$/;

/**
 * Mollie's webhook is not signed: it posts only `id=tr_…`. So the body is a hint and nothing more:
 * the payment is fetched back from Mollie with the installation's key, and only that answer counts.
 * Mollie gets a 200 for every well-formed id, known or not, paid or not, so that the webhook tells a
 * caller nothing; a failure to ask Mollie becomes a 5xx, and Mollie tries again later.
 */
export async function handleWebhook(
  request: WebhookRequest,
  ctx: PluginContext,
): Promise<Result<PayLinkWebhookOutcome>> {
  const id = parseFormBody(request.body)?.id;
  if (request.method !== 'POST' || id === undefined || !PAYMENT_ID.test(id)) {
    return ok({ response: text(400, 'expected a POST with id=tr_…') });
  }

  const response = await mollieFetch(ctx, `/payments/${id}`, { method: 'GET' });
  if (!response.ok) return response;
  if (response.value.status === 404) {
    ctx.log.warn('webhook for a payment Mollie does not know', { id });
    return ok({ response: text(200, 'ok') });
  }
  if (response.value.status !== 200) return mollieError(response.value);

  const payment = parseJson(response.value.body) as MolliePayment | undefined;
  if (payment?.id !== id) {
    return fail('provider_invalid_response', `Mollie answered another resource for ${id}`, {
      retryable: true,
    });
  }
  if (payment.status !== 'paid') {
    ctx.log.info('Mollie payment not paid', { id, status: payment.status });
    return ok({ response: text(200, 'ok') });
  }
  const registration = toRegistration(payment);
  if (typeof registration === 'string') {
    // Retrying would not change Mollie's answer, so Mollie gets its 200 and the tenant a log line.
    ctx.log.warn(`paid Mollie payment not registered: ${registration}`, { id });
    return ok({ response: text(200, 'ok') });
  }
  return ok({ response: text(200, 'ok'), payment: registration });
}

/** The registration core records, or why this paid payment is not one to record. */
function toRegistration(payment: MolliePayment): PaymentRegistration | string {
  const currency = payment.amount?.currency;
  const amount = typeof currency === 'string' ? fromMollieValue(payment.amount.value, currency) : undefined;
  if (amount === undefined || typeof currency !== 'string') return 'its amount is unreadable';
  const invoiceIds = (payment.metadata as { invoiceIds?: unknown } | null)?.invoiceIds;
  if (
    !Array.isArray(invoiceIds) ||
    invoiceIds.length === 0 ||
    !invoiceIds.every((i) => typeof i === 'string')
  ) {
    return 'it carries no Kredo invoice ids (created outside Kredo?)';
  }
  return {
    providerReference: payment.id,
    amount: { amount, currency },
    paidAt: payment.paidAt ?? new Date().toISOString(),
    invoiceIds,
  };
}

function text(status: number, body: string) {
  return { status, headers: { 'content-type': 'text/plain; charset=utf-8' }, body };
}
