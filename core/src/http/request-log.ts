import type { Server } from '@hapi/hapi';
import type { Logger } from 'pino';
import type { Principal } from '../auth/principal.ts';

/**
 * One structured line per request: tenant, method, route template, status and duration. Built from
 * chosen fields only, so headers, tokens and payloads never reach the log.
 */
export function registerRequestLog(server: Server, logger: Logger): void {
  server.events.on('response', (request) => {
    const response = request.response as { statusCode?: number } | null;
    const statusCode = response?.statusCode ?? 500;
    const line = {
      tenant: (request.auth.credentials?.user as Principal | undefined)?.tenantId,
      method: request.method.toUpperCase(),
      route: request.route.path,
      status: statusCode,
      ms: Math.round((request.info.completed || Date.now()) - request.info.received),
      requestId: request.info.id,
    };
    if (statusCode >= 500) logger.error(line, 'request failed');
    else logger.info(line, 'request');
  });
  server.events.on({ name: 'request', channels: 'error' }, (request, event) => {
    const error = event.error as Error | undefined;
    logger.error(
      { route: request.route.path, err: { message: error?.message, stack: error?.stack } },
      'request error',
    );
  });
}
