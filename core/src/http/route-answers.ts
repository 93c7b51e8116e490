import type { RequestRoute } from '@hapi/hapi';
import type { Schema } from '../shared/joi.ts';

declare module '@hapi/hapi' {
  interface PluginSpecificConfiguration {
    /** What `response.status` cannot say about a route's answers. */
    contract?: {
      /** The route also passes on answers of other statuses (a plugin's own answer): when. */
      otherStatuses?: string;
    };
  }
}

/** One answer a route declares: its status (or `default`), when it comes, and its body's schema. */
export interface RouteAnswer {
  description: string;
  /** The body's schema; `null` for a failure (the error body) and for no body. */
  schema: Schema | null;
  failure: boolean;
}

const SUCCESS: Record<number, string> = { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No content' };

/**
 * Every answer a route may give: what it declares in `response.status` (successes with their
 * schemas, failures with when they happen), plus what follows from its settings: 400 for input it
 * validates, 401 and 403 with a token, 413 and 415 with a body, and the 500 of a bug. The OpenAPI
 * document lists these; in tests (http/answer-check.ts) an answer outside them fails.
 */
export function routeAnswers(route: RequestRoute): Map<number | 'default', RouteAnswer> {
  const settings = route.settings;
  const answers = new Map<number | 'default', RouteAnswer>();
  const fail = (status: number, description: string) => {
    const known = answers.get(status);
    answers.set(status, {
      description: known ? `${known.description}. ${description}` : description,
      schema: null,
      failure: true,
    });
  };
  const validate = settings.validate ?? {};
  if (validate.params || validate.query || validate.payload || validate.headers) {
    fail(400, 'Invalid input: the message and `field` name the field (`invalid_request`)');
  }
  const scopes = requiredScopes(route);
  if (scopes) {
    fail(401, 'Missing, malformed, invalid or expired token');
    fail(403, `The token lacks the scope (${scopes.join(' or ')})`);
  }
  const takesBody = route.method !== 'get' && route.method !== 'delete';
  if (takesBody) fail(413, 'The body is too large');
  if (takesBody && (settings.payload?.parse !== false || settings.payload?.allow)) {
    fail(415, 'The body has a content type the route does not take');
  }
  for (const [status, schema] of Object.entries(settings.response?.status ?? {})) {
    const code = Number(status);
    const described = (schema as Schema | null)?.describe?.().flags as { description?: string } | undefined;
    if (code >= 400) fail(code, described?.description ?? 'Failed');
    else {
      answers.set(code, {
        description: described?.description ?? SUCCESS[code] ?? 'Success',
        schema: code === 204 ? null : (schema as Schema),
        failure: false,
      });
    }
  }
  fail(500, 'A bug: no details, only the `requestId` under which the cause is logged');
  const other = settings.plugins?.contract?.otherStatuses;
  if (other) answers.set('default', { description: other, schema: null, failure: false });
  return answers;
}

/** The scopes a route's token needs (any one of them), or undefined for a route without a token. */
export function requiredScopes(route: RequestRoute): string[] | undefined {
  const auth = route.settings.auth as unknown as
    | { access?: { scope?: { selection?: string[] } }[] }
    | false
    | undefined;
  if (!auth) return undefined;
  return auth.access?.flatMap((a) => a.scope?.selection ?? []) ?? [];
}
