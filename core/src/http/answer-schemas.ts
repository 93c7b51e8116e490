import { Joi, type Schema } from '../shared/joi.ts';
import { named } from '../shared/schemas.ts';

/**
 * The body of every failure, as http/error-responses.ts builds it: @hapi/boom's shape plus Kredo's
 * `code`, `field` and `details`, and on a 5xx the request id its log line carries.
 */
export const errorAnswer = named(
  'Error',
  Joi.object({
    statusCode: Joi.number().integer().min(400).max(599).required(),
    error: Joi.string().required().description('The HTTP reason phrase'),
    message: Joi.string().allow('').required().description('Names the field or rule that was broken'),
    code: Joi.string().description('Stable machine-readable error code'),
    field: Joi.string()
      .allow('')
      .description('The input field at fault (400); empty for the body as a whole'),
    details: Joi.object().unknown(true).description('More about the failure, by code'),
    requestId: Joi.string().description(
      'On a 5xx: the id under which the cause is logged (also X-Request-Id)',
    ),
    attributes: Joi.object().unknown(true).description('On a 401: the WWW-Authenticate attributes'),
  }),
);

/** Error answers a route declares, by status: when each happens, with the codes it carries. */
export type Failures = Record<number, string>;

/**
 * A route's error answers for `response.status`: each status with the error body, described by
 * when it happens. Lists for the same status are joined, so shared lists (a plugin call's failures,
 * an Idempotency-Key's) combine with a route's own.
 */
export function failures(...lists: Failures[]): Record<number, Schema> {
  const merged: Record<number, string[]> = {};
  for (const list of lists) {
    for (const [status, when] of Object.entries(list)) {
      merged[Number(status)] = [...(merged[Number(status)] ?? []), when];
    }
  }
  return Object.fromEntries(
    Object.entries(merged).map(([status, whens]) => [status, errorAnswer.description(whens.join('. '))]),
  );
}

/** A 204: nothing in the body. */
export const noContent = Joi.valid(null).description('No content');

/** A PDF document as the body. */
export const pdfAnswer = Joi.binary().meta({ 'x-content-type': 'application/pdf' }).description('The PDF');
