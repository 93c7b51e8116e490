import Boom from '@hapi/boom';
import Hapi, { type ServerRoute } from '@hapi/hapi';
import type { ProxyTrust } from '@kredo/identity';
import type { Logger } from 'pino';
import type { TokenVerifier } from '../auth/principal.ts';
import type { Orm } from '../db/orm.ts';
import { Joi } from '../shared/joi.ts';
import { withinAdministrationLimit } from './administration-limit.ts';
import { registerAnswerCheck } from './answer-check.ts';
import { registerAuth } from './auth-scheme.ts';
import { registerClientIp } from './client-ip.ts';
import { registerCorsDecision } from './cors-decision.ts';
import { registerErrorResponses } from './error-responses.ts';
import { buildOpenApi } from './openapi.ts';
import { registerOptionalBody } from './optional-body.ts';
import { registerRequestId } from './request-id.ts';
import { registerRequestLog } from './request-log.ts';

export interface ServerOptions {
  orm: Orm;
  logger: Logger;
  verifier: TokenVerifier | undefined;
  port?: number;
  host?: string;
  publicUrl?: string;
  /** The modules' routes (app/modules.ts composes them); the server adds only /health and the OpenAPI document. */
  routes: readonly ServerRoute[];
  maxPayloadBytes?: number;
  /**
   * Check every answer against its route's declared statuses and schemas (tests): what breaks the
   * contract becomes a 500 saying so. Off in production, where it would cost every request.
   */
  checkAnswers?: boolean;
  /** Whose X-Forwarded-For gives the client's address (KREDO_TRUST_PROXY); default nobody's. */
  trustProxy?: ProxyTrust;
  /**
   * Build the OpenAPI document when it is first asked for, not at start-up. For test servers: building
   * it is most of a test server's start and few tests ask for it (app/api-contract.test.ts builds it for
   * the whole composition `kredo start` serves, so its start-up checks still run there). Off by
   * default: a route without an id or a tag without a description must stop `kredo start`.
   */
  openApiOnRequest?: boolean;
}

export const API_VERSION = '0.1.0';

const health = Joi.object({
  status: Joi.string().valid('ok', 'unavailable').required(),
  database: Joi.string().valid('ok', 'unreachable').required(),
});

export async function createServer(options: ServerOptions): Promise<Hapi.Server> {
  const server = Hapi.server({
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    // hapi's own console output would print a 500's error whole (a pg error's client included); the
    // request log writes it instead, with the request id (http/request-log.ts).
    debug: false,
    routes: {
      validate: {
        // Name the field: hapi's default hides joi's message behind "Invalid request payload input".
        failAction: async (_request, _h, error) => {
          const detail = (error as Error & { details?: { path: (string | number)[] }[] }).details?.[0];
          const boom = Boom.badRequest(error?.message ?? 'Invalid request');
          Object.assign(boom.output.payload, { code: 'invalid_request', field: detail?.path.join('.') });
          throw boom;
        },
        options: { abortEarly: true, stripUnknown: false },
      },
      // The declared answers (`response.status`) feed the OpenAPI document; hapi does not check them
      // (`sample: 0`), the test server does (`checkAnswers`, http/answer-check.ts).
      response: { emptyStatusCode: 204, sample: 0 },
    },
  });
  server.app.orm = options.orm;
  registerRequestId(server);
  registerClientIp(server, options.trustProxy ?? false);
  registerRequestLog(server, options.logger);
  // Before the error responses, which end the onPreResponse chain: the check sees what they will answer.
  if (options.checkAnswers) registerAnswerCheck(server);
  registerCorsDecision(server);
  registerErrorResponses(server);
  registerAuth(server, options.verifier);
  registerOptionalBody(server);

  server.route([
    {
      method: 'GET',
      path: '/health',
      options: {
        id: 'getHealth',
        auth: false,
        description: 'Liveness with a database round trip',
        response: { status: { 200: health, 503: health } },
      },
      handler: async (_request, h) => {
        try {
          await options.orm.em.fork().execute('select 1');
          return { status: 'ok', database: 'ok' };
        } catch {
          return h.response({ status: 'unavailable', database: 'unreachable' }).code(503);
        }
      },
    },
    ...options.routes.map(withinAdministrationLimit),
  ]);

  const openApi = () =>
    buildOpenApi(server, {
      version: API_VERSION,
      serverUrl: options.publicUrl ?? `http://localhost:${options.port ?? 3000}`,
    });
  let document = options.openApiOnRequest ? undefined : openApi();
  server.route({
    method: 'GET',
    path: '/api/v1/openapi.json',
    options: {
      id: 'getOpenApi',
      auth: false,
      description: 'OpenAPI 3 description of this API',
      response: { status: { 200: Joi.object({ openapi: Joi.string().required() }).unknown(true) } },
    },
    handler: () => (document ??= openApi()),
  });
  return server;
}
