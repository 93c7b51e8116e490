import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import type { Logger } from 'pino';
import { settings } from '../config/settings.ts';
import { failures } from '../http/answer-schemas.ts';
import { input } from '../http/request-context.ts';
import { installationTenant } from '../marketplace/index.ts';
import {
  type PluginRunError,
  type PluginRuntime,
  pluginAnswer,
  runFailureStatus,
} from '../plugin-runtime/index.ts';
import { DomainError } from '../shared/errors.ts';
import { Joi } from '../shared/joi.ts';
import { prefixedId } from '../shared/schemas.ts';
import { readWebhookOutcome } from './webhook-answer.ts';
import { WebhookRateLimit } from './webhook-rate-limit.ts';

/** Largest request body a provider may post, in bytes: hapi answers 413 beyond it. */
export const webhookMaxBytes = 256 * 1024;

/** What the plugin's webhook hook receives: the SDK's `WebhookRequest`. */
export interface WebhookRequest {
  /** The webhook's name from the manifest. */
  name: string;
  method: string;
  /** Lower-cased, repeated values joined with `, `; `cookie` removed. `authorization` is kept: providers sign with it. */
  headers: Record<string, string>;
  /** Repeated parameters joined with `,`. */
  query: Record<string, string>;
  /** The raw body, as UTF-8 text, so the plugin can verify a signature over it. */
  body: string;
}

const params = Joi.object({
  installationId: prefixedId('ins').required(),
  name: Joi.string()
    .pattern(/^[a-z0-9-]+$/)
    .max(64)
    .required(),
});

// One answer for an unknown installation, a disabled one and an undeclared webhook, so the route
// tells a caller nothing about which installations exist.
const notFound = () => new DomainError('webhook_not_found', 404, 'No such webhook');
const failed = () => new DomainError('webhook_failed', 502, 'The plugin could not handle the webhook');
const timedOut = () => new DomainError('webhook_timeout', 504, 'The plugin did not answer in time');
const unavailable = () =>
  new DomainError('webhook_unavailable', 503, 'Webhooks cannot be handled right now; try again later');
const tooLarge = () => new DomainError('payload_too_large', 413, 'The webhook request is too large');

/**
 * Inbound webhooks: a provider posts to an installation's declared webhook, and the plugin's
 * `webhook:<name>` hook verifies and handles it. No Kredo token: the tenant comes from the
 * installation, never from the request.
 */
/** What core does with what a webhook hook reports besides its answer. */
export interface WebhookRecorders {
  /** A pay-link plugin's completed payment; a rejection makes the provider retry (503). */
  payment?(tenantId: string, installationId: string, payment: unknown): Promise<unknown>;
  /** A collection plugin's case status update; a rejection makes the provider retry (503). */
  collectionUpdate?(tenantId: string, installationId: string, update: unknown): Promise<unknown>;
}

export interface WebhookLimits {
  /** Requests one installation accepts a minute (`KREDO_WEBHOOK_RATE_PER_MINUTE`). */
  ratePerMinute: number;
}

export function webhookRoutes(
  runtime: PluginRuntime,
  logger: Logger,
  recorders: WebhookRecorders = {},
  limits: WebhookLimits = { ratePerMinute: settings.webhookRatePerMinute.default },
): ServerRoute[] {
  const rateLimit = new WebhookRateLimit(limits.ratePerMinute);
  return [
    {
      method: 'POST',
      path: '/api/v1/plugins/{installationId}/webhooks/{name}',
      options: {
        tags: ['api', 'plugins'],
        id: 'deliverWebhook',
        description: "Deliver a provider's webhook to an installed plugin, which verifies it",
        auth: false,
        response: {
          status: {
            200: Joi.string()
              .allow('')
              .meta({ 'x-content-type': '*/*' })
              .description("The plugin's answer to the provider: its status, content type and body"),
            ...failures({
              404: 'No such webhook: an unknown or disabled installation, or a webhook it does not declare (`webhook_not_found`)',
              413: 'The request is too large for the plugin (`payload_too_large`)',
              429: 'Too many requests for this installation: retry after `Retry-After` seconds (`webhook_rate_limited`)',
              502: 'The plugin could not handle the webhook (`webhook_failed`)',
              503: 'Webhooks cannot be handled right now: retry later (`webhook_unavailable`)',
              504: 'The plugin did not answer in time (`webhook_timeout`)',
            }),
          },
        },
        plugins: {
          contract: {
            otherStatuses:
              "The plugin's own answer with another status (2xx to 5xx), passed on as it gave it",
          },
        },
        payload: { parse: false, output: 'data', maxBytes: webhookMaxBytes },
        validate: { params },
      },
      handler: (request, h) => handleWebhook(runtime, logger, recorders, rateLimit, request, h),
    },
  ];
}

async function handleWebhook(
  runtime: PluginRuntime,
  logger: Logger,
  recorders: WebhookRecorders,
  rateLimit: WebhookRateLimit,
  request: Request,
  h: ResponseToolkit,
) {
  // 0. The installation's rate, before the database or any plugin is touched.
  const { installationId, name } = input<{ installationId: string; name: string }>(request.params);
  const retryAfter = rateLimit.take(installationId);
  if (retryAfter > 0) {
    logger.warn({ installationId, webhook: name }, 'inbound webhook rate limit reached');
    throw new DomainError(
      'webhook_rate_limited',
      429,
      'Too many webhook requests for this installation; try again later',
      { retryAfter },
    );
  }
  // 1. The installation's tenant: only an enabled installation has one.
  const tenantId = await installationTenant(request.server.app.orm, installationId);
  if (tenantId === undefined) throw notFound();
  // 2. The plugin's hook, under that tenant; the runtime refuses a webhook the manifest does not declare.
  const result = await runtime.invoke(
    tenantId,
    installationId,
    `webhook:${name}`,
    webhookRequest(request, name),
  );
  const ran = pluginAnswer(result);
  if (!ran.ok && ran.source === 'runtime') throw failure(ran.error);
  // 3. Its answer, validated; a plugin's own `fail(…)` is a failed webhook.
  const outcome = ran.ok ? readWebhookOutcome(ran.value, ran.bare) : undefined;
  if (!outcome) {
    logger.warn(
      { tenantId, installationId, webhook: name },
      'a plugin failed a webhook or answered it with an invalid response',
    );
    throw failed();
  }
  // 4. What it reports, recorded before the provider hears back, so a failure makes it retry.
  if (outcome.payment !== undefined && recorders.payment) {
    try {
      await recorders.payment(tenantId, installationId, outcome.payment);
    } catch (error) {
      logger.error({ err: error, tenantId, installationId }, 'could not register a pay-link payment');
      throw unavailable();
    }
  }
  if (outcome.update !== undefined && recorders.collectionUpdate) {
    try {
      await recorders.collectionUpdate(tenantId, installationId, outcome.update);
    } catch (error) {
      logger.error({ err: error, tenantId, installationId }, 'could not record a collection case update');
      throw unavailable();
    }
  }
  // 5. The answer, as the response.
  const { answer } = outcome;
  const response = h.response(answer.body).code(answer.status);
  response.type(answer.headers['content-type'] ?? 'text/plain; charset=utf-8');
  for (const [header, value] of Object.entries(answer.headers)) {
    if (header !== 'content-type') response.header(header, value);
  }
  // The body is the plugin's: never let a browser run it on Kredo's origin.
  response.header('x-content-type-options', 'nosniff');
  response.header('content-security-policy', "default-src 'none'; sandbox");
  return response;
}

function webhookRequest(request: Request, name: string): WebhookRequest {
  const headers: Record<string, string> = {};
  for (const [header, value] of Object.entries(request.headers as Record<string, string | string[]>)) {
    if (header !== 'cookie') headers[header.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.query as Record<string, string | string[]>)) {
    query[key] = Array.isArray(value) ? value.join(',') : value;
  }
  const payload = request.payload as Buffer | undefined;
  return {
    name,
    method: request.method.toUpperCase(),
    headers,
    query,
    body: payload ? payload.toString('utf8') : '',
  };
}

/** A runtime failure, told to the provider by its status alone: the route names no plugin internals. */
function failure(error: PluginRunError): DomainError {
  switch (runFailureStatus(error)) {
    case 404:
      return notFound();
    case 413:
      return tooLarge();
    case 503:
      return unavailable();
    case 504:
      return timedOut();
    default:
      return failed();
  }
}
