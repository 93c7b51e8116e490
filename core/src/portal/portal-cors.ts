import type { Request, ResponseToolkit, RouteOptions, ServerRoute } from '@hapi/hapi';
import { readAsTenant } from '../db/tenant-scope.ts';
import { noContent } from '../http/answer-schemas.ts';
import { corsHeaders } from '../http/cors-decision.ts';
import { requestEm } from '../http/request-context.ts';
import { DomainError } from '../shared/errors.ts';
import { originRegistered, readPortalOrigins } from './portal-origins.ts';

const ALLOWED_HEADERS = 'Authorization, Content-Type, Idempotency-Key, Accept-Language';
const ALLOWED_METHODS = 'GET, POST, PATCH, PUT, DELETE';

/**
 * CORS for the portal's routes, from the origins each tenant registers (PUT /portal/settings):
 * 1. before authentication, an Origin some tenant registered may read the answer, refusals included
 *    (the widget must see its session expire): a request carries its token only after the preflight;
 * 2. once the session is known, an Origin its own tenant did not register is refused (403) before
 *    anything is read or written, so one tenant's site cannot use another tenant's sessions.
 * A request without Origin is not a browser's cross-origin call and is left to its token; nor is one
 * from core's own origin (the hosted sign-in's page).
 */
export function withPortalCors(route: ServerRoute): ServerRoute {
  const options = (route.options ?? {}) as RouteOptions;
  return {
    ...route,
    options: {
      ...options,
      ext: {
        onPreAuth: { method: markRegisteredOrigin },
        onPostAuth: { method: refuseOtherTenantsOrigin },
      },
    },
  };
}

async function markRegisteredOrigin(request: Request, h: ResponseToolkit) {
  const origin = originOf(request);
  if (origin && (await registeredAnywhere(request, origin))) request.app.corsOrigin = origin;
  return h.continue;
}

async function refuseOtherTenantsOrigin(request: Request, h: ResponseToolkit) {
  const origin = originOf(request);
  if (!origin || sameOrigin(request, origin)) return h.continue;
  const own = await readPortalOrigins(requestEm(request));
  if (!own.includes(origin)) {
    throw new DomainError(
      'portal_origin_not_allowed',
      403,
      `${origin} is not an origin this tenant registered for its portal`,
    );
  }
  return h.continue;
}

/**
 * A page of core's own (the hosted sign-in's widget page): browsers send its Origin on a same-origin
 * POST, and it is no tenant's site to register. Judged by the host the browser reached.
 */
function sameOrigin(request: Request, origin: string): boolean {
  return URL.parse(origin)?.host === request.info.host;
}

function registeredAnywhere(request: Request, origin: string): Promise<boolean> {
  return readAsTenant(request.server.app.orm, '', (em) => originRegistered(em, origin));
}

/**
 * The preflight of every portal route: allowed for an origin some tenant registered (the request
 * itself is then judged by its session's tenant), else answered without CORS headers, which the
 * browser takes as a refusal.
 */
export const portalPreflightRoute: ServerRoute = {
  method: 'OPTIONS',
  path: '/api/v1/portal/{path*}',
  options: {
    id: 'portalPreflight',
    auth: false,
    description: 'CORS preflight of the portal routes',
    response: { status: { 204: noContent } },
  },
  handler: async (request, h) => {
    const origin = originOf(request);
    const response = h.response().code(204);
    if (origin && (await registeredAnywhere(request, origin))) {
      for (const [name, value] of Object.entries(corsHeaders(origin))) response.header(name, value);
      response.header('Access-Control-Allow-Methods', ALLOWED_METHODS);
      response.header('Access-Control-Allow-Headers', ALLOWED_HEADERS);
      response.header('Access-Control-Max-Age', '600');
    } else response.header('Vary', 'Origin');
    return response;
  },
};

function originOf(request: Request): string | undefined {
  const origin = request.headers.origin;
  return typeof origin === 'string' && origin !== '' ? origin : undefined;
}
