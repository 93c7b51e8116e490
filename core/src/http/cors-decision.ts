import Boom from '@hapi/boom';
import type { Request, ResponseObject, Server } from '@hapi/hapi';

declare module '@hapi/hapi' {
  interface RequestApplicationState {
    /**
     * The Origin a route decided may read this answer (CORS), for routes whose allowed origins are
     * data rather than configuration (the debtor portal's: each tenant registers its own).
     */
    corsOrigin?: string;
  }
}

/** What a browser may read of an answer beyond the CORS-safelisted headers. */
const EXPOSED = 'X-Request-Id, Retry-After, Content-Disposition';

/**
 * Adds Access-Control-Allow-Origin to the answers of requests a route marked (`request.app.corsOrigin`),
 * errors included, so that a page embedding Kredo can read a refusal (an expired session) as well as a
 * success. hapi's own `cors` route option is static; this is the seam for origins kept in the database.
 * Registered before the error responses, which end the onPreResponse chain and keep these headers.
 */
export function registerCorsDecision(server: Server): void {
  server.ext('onPreResponse', (request: Request, h) => {
    const origin = request.app.corsOrigin;
    if (!origin) return h.continue;
    const response = request.response as ResponseObject | Boom.Boom;
    const headers = corsHeaders(origin);
    if (Boom.isBoom(response)) Object.assign(response.output.headers, headers);
    else for (const [name, value] of Object.entries(headers)) response.header(name, value);
    return h.continue;
  });
}

export function corsHeaders(origin: string): Record<string, string> {
  return { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': EXPOSED, Vary: 'Origin' };
}
