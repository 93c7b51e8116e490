import type { Request, Server } from '@hapi/hapi';
import { newId } from '../shared/ids.ts';

declare module '@hapi/hapi' {
  interface RequestApplicationState {
    /** Names the request in the log and to the client (`X-Request-Id`), so a 500 can be found. */
    requestId: string;
  }
}

export const REQUEST_ID_HEADER = 'X-Request-Id';

/**
 * Gives every request an id of its own (`req_…`), sent back on every response as `X-Request-Id`. Not
 * hapi's `request.info.id`, which holds the server's host name and process id.
 */
export function registerRequestId(server: Server): void {
  server.ext('onRequest', (request, h) => {
    request.app.requestId = newId('request');
    // Set on the raw response, so every answer carries it, however it is made (errors, 413s from hapi).
    request.raw.res.setHeader(REQUEST_ID_HEADER, request.app.requestId);
    return h.continue;
  });
}

export function requestIdOf(request: Request): string {
  return request.app.requestId;
}
