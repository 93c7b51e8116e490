/**
 * A request failure the domain knows about: recognised by `code`, carrying the HTTP status it maps to.
 * Turned into a Boom response in one place (http/error-responses.ts); only these reach clients.
 */
export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const notFound = (what: string, id: string) =>
  new DomainError(`${what.toLowerCase().replace(/ /g, '_')}_not_found`, 404, `${what} ${id} does not exist`, {
    id,
  });

export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, 409, message, details);

export const invalid = (field: string, message: string) =>
  new DomainError('invalid_request', 400, `${field}: ${message}`, { field });
