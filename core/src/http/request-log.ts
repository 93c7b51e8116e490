import Boom from '@hapi/boom';
import type { Request, Server } from '@hapi/hapi';
import type { Logger } from 'pino';
import type { Principal } from '../auth/principal.ts';
import { DomainError } from '../shared/errors.ts';
import { loggableError } from '../shared/log-error.ts';
import { requestIdOf } from './request-id.ts';

/** nginx's status for a request the client gave up on; hapi's default `disconnectStatusCode`. */
const CLIENT_CLOSED_REQUEST = 499;

/**
 * One structured line per request: request id, tenant, method, route template, status and duration.
 * Built from chosen fields only, so headers, tokens and payloads never reach the log. A 5xx is logged
 * as an error with its cause (type, message, stack: shared/log-error.ts) and, for a domain error, the
 * details its answer leaves out; a request the client abandoned is not a server error and is logged as
 * "client closed request".
 */
export function registerRequestLog(server: Server, logger: Logger): void {
  server.events.on('response', (request) => {
    const status = statusOf(request);
    const line = {
      requestId: requestIdOf(request),
      tenant: (request.auth.credentials?.user as Principal | undefined)?.tenantId,
      method: request.method.toUpperCase(),
      route: request.route.path,
      status,
      ms: Math.round((request.info.completed || Date.now()) - request.info.received),
      // A 401's reason (http/auth-scheme.ts): what the client is not told.
      ...(request.app.tokenRefusal && { tokenRefusal: request.app.tokenRefusal }),
    };
    if (status === CLIENT_CLOSED_REQUEST) logger.info(line, 'client closed request');
    else if (status >= 500) {
      const failure = failureOf(request);
      // A domain error's details are not in a 5xx answer (error-responses.ts): they are here.
      const details = failure instanceof DomainError ? failure.details : undefined;
      logger.error(
        { ...line, err: loggableError(failure), ...(details ? { details } : {}) },
        'request failed',
      );
    } else logger.info(line, 'request');
  });
}

/**
 * The status the client got. Until hapi has sent an answer, `request.response` may still be a Boom
 * (an abort is a Boom 499), which has no `statusCode` of its own.
 */
function statusOf(request: Request): number {
  const response = request.response as { statusCode?: number } | Boom.Boom | null;
  if (Boom.isBoom(response)) return response.output.statusCode;
  return response?.statusCode ?? 500;
}

function failureOf(request: Request): unknown {
  if (request.app.failure !== undefined) return request.app.failure;
  // A failure after onPreResponse (the answer's own stream broke) is the response itself.
  return Boom.isBoom(request.response) ? request.response : 'no error was recorded for this 5xx';
}
