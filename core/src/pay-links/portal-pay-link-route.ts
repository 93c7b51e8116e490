import type { ServerRoute } from '@hapi/hapi';
import { SCOPES } from '../auth/principal.ts';
import { capabilityFailures } from '../capabilities/call-capability.ts';
import { failures } from '../http/answer-schemas.ts';
import { idempotencyHeaders, idempotentCall, idempotentCallFailures } from '../http/idempotency.ts';
import { input, principal, readForRequest, requestEm } from '../http/request-context.ts';
import { portalWriteDebtor, withPortalCors } from '../portal/index.ts';
import { Joi } from '../shared/joi.ts';
import { prefixedId } from '../shared/schemas.ts';
import { createPayLink, type PayLinkDeps, storePayLink } from './create-pay-link.ts';

const portalPayLinkView = Joi.object({
  url: Joi.string().required().description('Where the debtor pays'),
  expiresAt: Joi.date().iso().required(),
  amount: Joi.object({
    amount: Joi.number().integer().required(),
    currency: Joi.string().required(),
  }).required(),
  invoiceIds: Joi.array().items(prefixedId('inv')).required(),
}).label('PortalPayLink');

/**
 * The portal's "pay": a pay link for some (default: all) of the session's debtor's open invoices,
 * from the tenant's pay-link plugin, exactly as staff create one (the provider's payment comes back
 * by the plugin's webhook and closes the invoices). Here, beside the pay links it uses, so that the
 * portal offers paying only where this module runs; `/portal/me` says whether a plugin provides it.
 */
export function portalPayLinkRoute(deps: PayLinkDeps): ServerRoute {
  return withPortalCors({
    method: 'POST',
    path: '/api/v1/portal/pay-links',
    options: {
      tags: ['api', 'portal'],
      id: 'createPortalPayLink',
      description: 'Pay some (default: all) open invoices: a pay link from the tenant’s pay-link plugin',
      auth: { access: { scope: [SCOPES.portalDebtor] } },
      response: {
        status: {
          201: portalPayLinkView,
          ...failures(
            { 401: 'No session, or it expired or was revoked', 403: 'An origin the tenant did not register' },
            { 422: 'Nothing to pay (`nothing_to_pay`)' },
            capabilityFailures,
            idempotentCallFailures,
          ),
        },
      },
      validate: {
        headers: idempotencyHeaders,
        payload: Joi.object({
          invoiceIds: Joi.array().items(prefixedId('inv')).min(1).max(500).unique(),
          redirectUrl: Joi.string()
            .uri({ scheme: ['https', 'http'] })
            .max(2000)
            .description('Where the debtor lands after paying: the page embedding the widget'),
        }),
      },
    },
    handler: async (request, h) => {
      const { tenantId } = principal(request);
      const body = input<{ invoiceIds?: string[]; redirectUrl?: string }>(request.payload);
      // In a group session, the debtor whose invoices these are; one debtor's invoices per link.
      const debtorId = await readForRequest(request, (em) => portalWriteDebtor(em, request, body.invoiceIds));
      const requestKey = input<string | undefined>(request.headers['idempotency-key']);
      const response = await idempotentCall(requestEm(request), request, {
        call: () => createPayLink(deps, tenantId, { debtorId, ...body, requestKey }),
        store: async (tx, created) => {
          const link = await storePayLink(tx, created);
          return {
            statusCode: 201,
            body: {
              url: link.url,
              expiresAt: link.expiresAt,
              amount: link.amount,
              invoiceIds: link.invoiceIds,
            },
          };
        },
      });
      return h.response(response.body as object).code(response.statusCode);
    },
  });
}
