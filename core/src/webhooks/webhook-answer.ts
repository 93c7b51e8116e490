import { Joi } from '../shared/joi.ts';

/** What a plugin's `webhook:<name>` hook answers; it becomes the HTTP response to the provider. */
export interface WebhookAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Largest response body a plugin may send back to the provider, in bytes. */
export const webhookMaxAnswerBytes = 64 * 1024;

/**
 * Response headers a plugin may set. Anything that could touch Kredo's own origin (cookies, CORS,
 * redirects, caching of API paths) stays out.
 */
const safeHeaders = ['content-type', 'retry-after', 'cache-control'] as const;

const schema = Joi.object({
  status: Joi.number().integer().min(200).max(599).required(),
  headers: Joi.object()
    .pattern(
      Joi.string().valid(...safeHeaders),
      Joi.string()
        .max(200)
        .pattern(/^[\t\x20-\x7e]*$/),
    )
    .default({}),
  body: Joi.string().allow('').max(webhookMaxAnswerBytes).default(''),
});

/** What a webhook hook answered: the response for the provider and what it asks core to record. */
export interface WebhookOutcome {
  answer: WebhookAnswer;
  /** A pay-link plugin's completed payment, unchecked: the pay-links module checks it. */
  payment?: unknown;
  /** A collection plugin's case status update, unchecked: the collection module checks it. */
  update?: unknown;
}

/**
 * Reads a webhook hook's value (plugin-answer.ts unwrapped its `Result`): an SDK-built plugin answers
 * `{ response, payment?, update? }`; a bare bundle answers the response itself. Undefined when the
 * answer is not acceptable.
 */
export function readWebhookOutcome(value: unknown, bare: boolean): WebhookOutcome | undefined {
  if (bare) {
    const answer = readWebhookAnswer(value);
    return answer ? { answer } : undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { response, payment, update } = value as { response?: unknown; payment?: unknown; update?: unknown };
  const answer = readWebhookAnswer(response);
  if (!answer) return undefined;
  return {
    answer,
    ...(payment === undefined ? {} : { payment }),
    ...(update === undefined ? {} : { update }),
  };
}

/**
 * The plugin's answer, validated: a status from 200 to 599, only safe headers, a string body up to
 * 64 KiB. Header names are matched case-insensitively. Undefined when the answer is not acceptable.
 */
export function readWebhookAnswer(value: unknown): WebhookAnswer | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const raw = value as { headers?: unknown };
  const headers =
    typeof raw.headers === 'object' && raw.headers !== null
      ? Object.fromEntries(Object.entries(raw.headers).map(([name, v]) => [name.toLowerCase(), v]))
      : raw.headers;
  const { error, value: answer } = schema.validate({ ...raw, headers }, { abortEarly: true });
  if (error) return undefined;
  const valid = answer as WebhookAnswer;
  if (Buffer.byteLength(valid.body) > webhookMaxAnswerBytes) return undefined;
  return valid;
}
