import type { Lifecycle, Request, ResponseToolkit, ServerRoute } from '@hapi/hapi';
import type { Principal } from '../auth/principal.ts';
import { withAdministrations } from '../db/administration-scope.ts';

/**
 * The route with its handler run inside the caller's administration limit (db/administration-scope.ts):
 * every database session the handler opens, through whatever service, is then fenced by row-level
 * security to the administrations the token names. One wrapper for every route, so that no module
 * has to remember it. Routes without a function handler (none today) are left as they are.
 */
export function withinAdministrationLimit(route: ServerRoute): ServerRoute {
  const options = typeof route.options === 'object' ? route.options : undefined;
  const handler = route.handler ?? options?.handler;
  if (typeof handler !== 'function') return route;
  const limited = function (this: unknown, request: Request, h: ResponseToolkit) {
    const caller = request.auth.credentials?.user as Principal | undefined;
    return withAdministrations(caller?.administrations, () => handler.call(this, request, h));
  } as Lifecycle.Method;
  return route.handler
    ? { ...route, handler: limited }
    : { ...route, options: { ...options, handler: limited } };
}
