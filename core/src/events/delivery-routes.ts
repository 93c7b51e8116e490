import type { ServerRoute } from '@hapi/hapi';
import { SCOPES } from '../auth/principal.ts';
import { failures } from '../http/answer-schemas.ts';
import { decodeCursor, pageOf, pageQuery, toPage } from '../http/pagination.ts';
import { input, principal, requestEm } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { prefixedId } from '../shared/schemas.ts';
import { type DeliveryStatus, deliveryView, listDeliveries, retryDelivery } from './event-deliveries.ts';

// The same scope as the installation routes: whoever manages a tenant's plugins sees how they fare.
const access = { scope: [SCOPES.pluginsManage] };
const installationParams = { installationId: prefixedId('ins').required() };
const noInstallation = { 404: 'No such installation (`installation_not_found`)' };

/** The tenant's view of event deliveries to one installation, and a retry for a failed one. */
export const deliveryRoutes: ServerRoute[] = [
  {
    method: 'GET',
    path: '/api/v1/plugins/installations/{installationId}/deliveries',
    options: {
      tags: ['api', 'plugins'],
      id: 'listDeliveries',
      description: "List an installation's event deliveries, oldest event first",
      notes: 'Shows event, status, attempts and the last error; never the event payload.',
      auth: { access },
      response: { status: { 200: pageOf(deliveryView), ...failures(noInstallation) } },
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
      id: 'retryDelivery',
      description: 'Queue a failed delivery again (asking twice queues it once)',
      auth: { access },
      response: {
        status: {
          202: deliveryView.description('Queued: the delivery, pending again'),
          ...failures(
            { 404: 'No such installation (`installation_not_found`) or delivery (`delivery_not_found`)' },
            { 409: 'The delivery was delivered: there is nothing to retry (`delivery_delivered`)' },
          ),
        },
      },
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
