import Boom from '@hapi/boom';
import type { Request, ResponseToolkit, Server } from '@hapi/hapi';
import type { ErrorCode } from '../shared/error-codes.ts';
import { DomainError } from '../shared/errors.ts';
import { requestIdOf } from './request-id.ts';

declare module '@hapi/hapi' {
  interface RequestApplicationState {
    /** What made the request fail with a 5xx, for the request log: the error itself, not its answer. */
    failure?: unknown;
  }
}

/**
 * The one place errors become HTTP responses: domain errors keep their code and status, PostgreSQL
 * constraint violations become 409/400 naming the constraint, anything else is a 500. Only a 4xx
 * carries details: a 5xx answers its code (a domain error's) and message with the request id its log
 * line carries, and http/request-log.ts logs the cause and a domain error's details under that id.
 */
export function registerErrorResponses(server: Server): void {
  server.ext('onPreResponse', (request: Request, h: ResponseToolkit) => {
    const response = request.response;
    if (!Boom.isBoom(response)) return h.continue;
    const boom = toBoom(response);
    // Headers an earlier extension put on the error (CORS, http/cors-decision.ts) stay on its answer.
    if (boom !== response) Object.assign(boom.output.headers, response.output.headers);
    if (boom.output.statusCode >= 500) {
      request.app.failure = causeOf(response);
      boom.output.payload.requestId = requestIdOf(request);
    }
    return boom;
  });
}

/** The error behind a Boom: hapi wraps what a handler throws, and keeps an Error it wrapped as `data`. */
function causeOf(error: Boom.Boom): unknown {
  return error.data instanceof Error ? error.data : error;
}

/** The answer an error becomes. */
export function toBoom(error: Error & { isBoom?: boolean }): Boom.Boom {
  const cause = causeOf(error as Boom.Boom);
  if (error instanceof DomainError || cause instanceof DomainError) {
    const domain = (error instanceof DomainError ? error : cause) as DomainError;
    const boom = new Boom.Boom(domain.message, { statusCode: domain.status });
    // Details help a client correct its request; a 5xx's stay in the request log (request-log.ts).
    const details = domain.status < 500 ? domain.details : undefined;
    const field = typeof details?.field === 'string' ? { field: details.field } : {};
    Object.assign(boom.output.payload, {
      code: domain.code,
      ...field,
      ...(details ? { details } : {}),
    });
    if (typeof domain.details?.retryAfter === 'number') {
      boom.output.headers['Retry-After'] = String(domain.details.retryAfter);
    }
    return boom;
  }
  const pg = findPgError(error);
  if (pg?.code === '23505')
    return withCode(Boom.conflict(`Already exists (${pg.constraint ?? 'unique key'})`), 'duplicate');
  if (pg?.code === '23503')
    return withCode(Boom.badRequest('Refers to a record that does not exist'), 'missing_reference');
  if (pg?.code === '23514')
    return withCode(Boom.badRequest(`Violates ${pg.constraint ?? 'a check'}`), 'check_violation');
  // Row-level security refused a write: the one policy a valid request can trip is the administration
  // limit, as tenant ids come from the token. Any other 42501 (a missing grant) is a bug: a 500.
  if (pg?.code === '42501' && /row-level security/.test(pg.message ?? ''))
    return withCode(
      Boom.forbidden('Writes to an administration your access does not reach'),
      'administration_not_allowed',
    );
  if ((error as Boom.Boom).isBoom) {
    const boom = error as Boom.Boom;
    if (boom.output.statusCode === 400 && boom.output.payload.validation === undefined) {
      boom.output.payload.code ??= 'invalid_request';
    }
    return boom;
  }
  return Boom.badImplementation();
}

function withCode(boom: Boom.Boom, code: ErrorCode): Boom.Boom {
  Object.assign(boom.output.payload, { code });
  return boom;
}

interface PgError {
  code?: string;
  constraint?: string;
  message?: string;
}

function findPgError(error: unknown): PgError | undefined {
  let current = error as (PgError & { cause?: unknown }) | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    if (typeof current.code === 'string' && /^[0-9A-Z]{5}$/.test(current.code)) return current;
    current = current.cause as typeof current;
  }
  return undefined;
}
