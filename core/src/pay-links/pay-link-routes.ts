import type { ServerRoute } from '@hapi/hapi';
import { SCOPES } from '../auth/principal.ts';
import { capabilityFailures } from '../capabilities/call-capability.ts';
import { debtorHistoryRoute } from '../debtors/debtor-history-route.ts';
import { failures } from '../http/answer-schemas.ts';
import { idempotencyHeaders, idempotentCall, idempotentCallFailures } from '../http/idempotency.ts';
import { input, principal, requestEm } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { prefixedId } from '../shared/schemas.ts';
import { createPayLink, type PayLinkDeps, storePayLink } from './create-pay-link.ts';
import { payLinkView, presentPayLink } from './pay-link-store.ts';

const debtorParams = Joi.object({ debtorId: prefixedId('dbt').required() });
const noDebtor = { 404: 'No such debtor (`debtor_not_found`)' };

/** Pay links for debtors' open invoices, through the tenant's pay-link plugin. */
export function payLinkRoutes(deps: PayLinkDeps): ServerRoute[] {
  return [
    {
      method: 'POST',
      path: '/api/v1/debtors/{debtorId}/pay-links',
      options: {
        tags: ['api', 'debtors'],
        id: 'createPayLink',
        description: "Create a pay link for a debtor's open invoices with the installed pay-link plugin",
        notes:
          'For the invoices named, or every open invoice of the debtor; the amount is their open total. ' +
          "When the provider reports the payment through the plugin's webhook, it is registered against " +
          'these invoices. Safe to retry with an Idempotency-Key; 409 request_in_progress while the first is running.',
        auth: { access: { scope: [SCOPES.ledgerWrite] } },
        response: {
          status: {
            201: payLinkView,
            ...failures(
              noDebtor,
              { 422: 'The debtor has no open invoices to pay (`nothing_to_pay`)' },
              capabilityFailures,
              idempotentCallFailures,
            ),
          },
        },
        validate: {
          headers: idempotencyHeaders,
          params: debtorParams,
          payload: Joi.object({
            invoiceIds: Joi.array().items(prefixedId('inv')).min(1).max(500).unique(),
            installationId: prefixedId('ins').description('The pay-link installation; default the first'),
            redirectUrl: Joi.string()
              .uri({ scheme: ['https', 'http'] })
              .max(2000)
              .description('Where the debtor lands after paying'),
          }),
        },
      },
      handler: async (request, h) => {
        const { tenantId } = principal(request);
        const { debtorId } = input<{ debtorId: string }>(request.params);
        const body = input<{ invoiceIds?: string[]; installationId?: string; redirectUrl?: string }>(
          request.payload,
        );
        const requestKey = input<string | undefined>(request.headers['idempotency-key']);
        const response = await idempotentCall(requestEm(request), request, {
          call: () => createPayLink(deps, tenantId, { debtorId, ...body, requestKey }),
          store: async (tx, created) => ({ statusCode: 201, body: await storePayLink(tx, created) }),
        });
        return h.response(response.body as object).code(response.statusCode);
      },
    },
    debtorHistoryRoute({
      path: '/api/v1/debtors/{debtorId}/pay-links',
      id: 'listPayLinks',
      description: "A debtor's pay links, newest first",
      table: 'pay_link',
      present: presentPayLink,
      schema: payLinkView,
    }),
  ];
}
