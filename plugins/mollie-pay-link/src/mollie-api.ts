import { type Failure, fail, type HttpResponse, type PluginContext, type Result } from '@kredo/sdk';

export const MOLLIE_API = 'https://api.mollie.com/v2';

/** The fields of Mollie's payment resource this plugin reads. */
export interface MolliePayment {
  resource: 'payment';
  id: string;
  mode: 'test' | 'live';
  status: 'open' | 'canceled' | 'pending' | 'authorized' | 'expired' | 'failed' | 'paid';
  amount: { currency: string; value: string };
  description: string;
  createdAt: string;
  expiresAt?: string;
  paidAt?: string;
  metadata: unknown;
  _links: { checkout?: { href: string; type: string } };
}

/** A call to Mollie with the installation's API key, filled in by the host: the plugin never holds it. */
export function mollieFetch(
  ctx: PluginContext,
  path: string,
  request: { method: 'GET' | 'POST'; body?: unknown; idempotencyKey?: string },
): Promise<Result<HttpResponse>> {
  const headers: Record<string, string> = {
    authorization: 'Bearer {{secrets.apiKey}}',
    accept: 'application/hal+json',
    // Mollie answers a repeated POST with the same key with the first payment, never a second one.
    ...(request.idempotencyKey ? { 'idempotency-key': request.idempotencyKey } : {}),
  };
  if (request.body === undefined)
    return ctx.http.fetch(`${MOLLIE_API}${path}`, { method: request.method, headers });
  return ctx.http.fetch(`${MOLLIE_API}${path}`, {
    method: request.method,
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify(request.body),
  });
}

/** Mollie's error answer (`{ status, title, detail, field? }`) as a Kredo error, recognised by code. */
export function mollieError(response: HttpResponse): Failure {
  const error = parseJson(response.body) as
    | { title?: unknown; detail?: unknown; field?: unknown }
    | undefined;
  const detail = typeof error?.detail === 'string' ? error.detail : `HTTP ${response.status}`;
  const status = response.status;
  if (status === 401) return fail('unauthorized', `Mollie refused the API key: ${detail}`);
  if (status === 404) return fail('not_found', `Mollie: ${detail}`);
  if (status === 422) {
    const field = typeof error?.field === 'string' ? error.field : undefined;
    return fail('invalid_request', field ? `Mollie rejected ${field}: ${detail}` : `Mollie: ${detail}`);
  }
  if (status === 429) return fail('rate_limited', `Mollie: ${detail}`, { retryable: true });
  if (status >= 500)
    return fail('provider_unavailable', `Mollie answered ${status}: ${detail}`, { retryable: true });
  return fail('provider_rejected', `Mollie answered ${status}: ${detail}`);
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
