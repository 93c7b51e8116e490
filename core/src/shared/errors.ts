import { type ErrorCode, isErrorCode, type StatusOf, statusOf } from './error-codes.ts';

/**
 * A request failure the domain knows about: recognised by `code`, carrying the HTTP status it maps to.
 * The code must be in the catalogue (shared/error-codes.ts) and the status the one it lists there,
 * both checked by the compiler. Turned into a Boom response in one place (http/error-responses.ts);
 * only these reach clients, and only a 4xx's details.
 */
export class DomainError<C extends ErrorCode = ErrorCode> extends Error {
  override name = 'DomainError';
  constructor(
    readonly code: C,
    readonly status: StatusOf<C>,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** Codes answered with 409. */
export type ConflictCode = { [C in ErrorCode]: StatusOf<C> extends 409 ? C : never }[ErrorCode];

/** `Debtor` → `debtor_not_found`, `Collection case` → `collection_case_not_found`: a 404 of the catalogue. */
export const notFound = (what: string, id: string) => {
  const code = `${what.toLowerCase().replace(/ /g, '_')}_not_found`;
  if (!isErrorCode(code) || statusOf(code) !== 404) {
    throw new Error(`notFound('${what}'): ${code} is not a 404 in shared/error-codes.ts`);
  }
  return new DomainError(code, 404 as StatusOf<typeof code>, `${what} ${id} does not exist`, { id });
};

export const conflict = (code: ConflictCode, message: string, details?: Record<string, unknown>) =>
  new DomainError(code, 409, message, details);

export const invalid = (field: string, message: string) =>
  new DomainError('invalid_request', 400, `${field}: ${message}`, { field });
