import type { Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import Joi from 'joi';
import type { Logger } from 'pino';
import { input } from '../http/request-context.ts';
import { installationTenant } from '../marketplace/index.ts';
import type { PluginRunError, PluginRuntime } from '../plugin-runtime/index.ts';
import { DomainError } from '../shared/errors.ts';
import { prefixedId } from '../shared/schemas.ts';
import { readWebhookAnswer } from './webhook-answer.ts';

/** Largest request body a provider may post, in bytes: hapi answers 413 beyond it. */
export const webhookMaxBytes = 256 * 1024;

/** What the plugin's webhook hook receives. */
export interface WebhookRequest {
  method: string;
  /** Lower-cased; `cookie` removed. `authorization` is kept: providers sign with it. */
  headers: Record<string, string | string[]>;
  query: Record<string, string | string[]>;
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
export function webhookRoutes(runtime: PluginRuntime, logger: Logger): ServerRoute[] {
  return [
    {
      method: 'POST',
      path: '/api/v1/plugins/{installationId}/webhooks/{name}',
      options: {
        tags: ['api', 'plugins'],
        description: "Deliver a provider's webhook to an installed plugin, which verifies it",
        auth: false,
        payload: { parse: false, output: 'data', maxBytes: webhookMaxBytes },
        validate: { params },
      },
      handler: (request, h) => handleWebhook(runtime, logger, request, h),
    },
  ];
}

async function handleWebhook(runtime: PluginRuntime, logger: Logger, request: Request, h: ResponseToolkit) {
  // 1. The installation's tenant: only an enabled installation has one.
  const { installationId, name } = input<{ installationId: string; name: string }>(request.params);
  const tenantId = await installationTenant(request.server.app.orm, installationId);
  if (tenantId === undefined) throw notFound();
  // 2. The plugin's hook, under that tenant; the runtime refuses a webhook the manifest does not declare.
  const result = await runtime.invoke(tenantId, installationId, `webhook:${name}`, webhookRequest(request));
  if (!result.ok) throw failure(result.error);
  // 3. Its answer, validated, as the response.
  const answer = readWebhookAnswer(result.value);
  if (!answer) {
    logger.warn(
      { tenantId, installationId, webhook: name },
      'a plugin answered a webhook with an invalid response',
    );
    throw failed();
  }
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

function webhookRequest(request: Request): WebhookRequest {
  const headers: Record<string, string | string[]> = {};
  for (const [header, value] of Object.entries(request.headers as Record<string, string | string[]>)) {
    if (header !== 'cookie') headers[header.toLowerCase()] = value;
  }
  const payload = request.payload as Buffer | undefined;
  return {
    method: request.method.toUpperCase(),
    headers,
    query: { ...(request.query as Record<string, string | string[]>) },
    body: payload ? payload.toString('utf8') : '',
  };
}

function failure(error: PluginRunError): DomainError {
  switch (error.code) {
    case 'installation_not_found':
    case 'installation_disabled':
    case 'hook_not_declared':
      return notFound();
    case 'timeout':
    case 'cpu_limit':
      return timedOut();
    case 'payload_too_large':
      return tooLarge();
    case 'runtime_unavailable':
    case 'disposed':
      return unavailable();
    default:
      return failed();
  }
}
