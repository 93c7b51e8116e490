import type { ServerRoute } from '@hapi/hapi';
import { SCOPES } from '../auth/principal.ts';
import { decodeCursor, pageQuery, toPage } from '../http/pagination.ts';
import { input, principal, requestEm } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { prefixedId } from '../shared/schemas.ts';
import { type DeliveryStatus, listDeliveries, retryDelivery } from './event-deliveries.ts';

// The same scope as the installation routes: whoever manages a tenant's plugins sees how they fare.
const access = { scope: [SCOPES.pluginsManage] };
const installationParams = { installationId: prefixedId('ins').required() };

/** The tenant's view of event deliveries to one installation, and a retry for a failed one. */
export const deliveryRoutes: ServerRoute[] = [
  {
    method: 'GET',
    path: '/api/v1/plugins/installations/{installationId}/deliveries',
    options: {
      tags: ['api', 'plugins'],
      description: "List an installation's event deliveries, oldest event first",
      notes: 'Shows event, status, attempts and the last error; never the event payload.',
      auth: { access },
      validate: {
        params: Joi.object(installationParams),
        query: Joi.object({
          ...pageQuery,
          status: Joi.string().valid('pending', 'delivered', 'failed'),
        }),
      },
    },
    handler: async (request) => {
      const { installationId } = input<{ installationId: string }>(request.params);
      const { limit, cursor, status } = input<{ limit: number; cursor?: string; status?: DeliveryStatus }>(
        request.query,
      );
      const rows = await listDeliveries(requestEm(request), installationId, {
        status,
        limit,
        after: decodeCursor(cursor),
      });
      return toPage(rows, limit, (row) => row);
    },
  },
  {
    method: 'POST',
    path: '/api/v1/plugins/installations/{installationId}/deliveries/{deliveryId}/retry',
    options: {
      tags: ['api', 'plugins'],
      description: 'Queue a failed delivery again (asking twice queues it once)',
      auth: { access },
      validate: {
        params: Joi.object({ ...installationParams, deliveryId: prefixedId('evt').required() }),
      },
    },
    handler: async (request, h) => {
      const { installationId, deliveryId } = input<{ installationId: string; deliveryId: string }>(
        request.params,
      );
      const delivery = await retryDelivery(
        requestEm(request),
        principal(request).tenantId,
        installationId,
        deliveryId,
      );
      return h.response(delivery).code(202);
    },
  },
];
