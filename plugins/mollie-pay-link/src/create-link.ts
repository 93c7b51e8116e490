import { fail, ok, type PayLink, type PayLinkInput, type PluginContext, type Result } from '@kredo/sdk';
import { toMollieValue } from './mollie-amount.ts';
import { type MolliePayment, mollieError, mollieFetch, parseJson } from './mollie-api.ts';

/** Mollie limits a payment's description to 255 characters and its metadata to 1 KB of JSON. */
const MAX_DESCRIPTION = 255;
const MAX_METADATA_BYTES = 1024;

/** A Mollie payment for the amount Kredo asks; its checkout URL is the pay link. */
export async function createLink(input: PayLinkInput, ctx: PluginContext): Promise<Result<PayLink>> {
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) {
    return fail('invalid_input', `amount must be a positive integer of minor units, got ${input.amount}`);
  }
  const metadata = { invoiceIds: input.invoiceIds };
  if (utf8Length(JSON.stringify(metadata)) > MAX_METADATA_BYTES) {
    return fail(
      'invalid_input',
      `${input.invoiceIds.length} invoice ids do not fit in Mollie's 1 KB of metadata`,
    );
  }
  const redirectUrl = input.redirectUrl ?? stringSetting(ctx, 'redirectUrl');
  const locale = stringSetting(ctx, 'locale');
  const body = {
    amount: { currency: input.currency, value: toMollieValue(input.amount, input.currency) },
    description: input.description.slice(0, MAX_DESCRIPTION),
    ...(redirectUrl ? { redirectUrl } : {}),
    ...(input.webhookUrl ? { webhookUrl: input.webhookUrl } : {}),
    ...(locale ? { locale } : {}),
    metadata,
  };

  const response = await mollieFetch(ctx, '/payments', {
    method: 'POST',
    body,
    idempotencyKey: input.idempotencyKey,
  });
  if (!response.ok) return response;
  if (response.value.status !== 201) return mollieError(response.value);

  const payment = parseJson(response.value.body) as MolliePayment | undefined;
  const url = payment?._links?.checkout?.href;
  if (!payment || typeof payment.id !== 'string' || typeof url !== 'string') {
    return fail('provider_invalid_response', 'Mollie created a payment without an id or checkout link', {
      retryable: true,
    });
  }
  ctx.log.info('Mollie payment created', { id: payment.id, mode: payment.mode });
  return ok({
    url,
    expiresAt: payment.expiresAt ?? fifteenMinutesAfter(payment.createdAt),
    providerReference: payment.id,
  });
}

function stringSetting(ctx: PluginContext, key: string): string | undefined {
  const value = ctx.config[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Mollie leaves `expiresAt` out for some methods; its checkout then lapses after about 15 minutes. */
function fifteenMinutesAfter(createdAt: string): string {
  const created = Date.parse(createdAt);
  return new Date((Number.isNaN(created) ? Date.now() : created) + 15 * 60_000).toISOString();
}

/** UTF-8 byte length without TextEncoder, which the sandbox does not have. */
function utf8Length(text: string): number {
  return encodeURIComponent(text).replace(/%[0-9A-F]{2}/g, '_').length;
}
