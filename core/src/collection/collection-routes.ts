import type { ServerRoute } from '@hapi/hapi';
import { SCOPES } from '../auth/principal.ts';
import { type CapabilityDeps, capabilityFailures } from '../capabilities/call-capability.ts';
import { debtorHistoryRoute } from '../debtors/debtor-history-route.ts';
import { failures } from '../http/answer-schemas.ts';
import { idempotencyHeaders, idempotentCall, idempotentCallFailures } from '../http/idempotency.ts';
import { input, principal, requestEm } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { prefixedId } from '../shared/schemas.ts';
import { collectionCaseView, presentCollectionCase } from './collection-case-store.ts';
import { refreshCollectionCase } from './collection-updates.ts';
import { handOffToCollection, storeCollectionCase } from './hand-off.ts';

const debtorParams = Joi.object({ debtorId: prefixedId('dbt').required() });
const noDebtor = { 404: 'No such debtor (`debtor_not_found`)' };

/** Collection cases: a debtor's overdue invoices handed to an agency through a collection plugin. */
export function collectionRoutes(deps: CapabilityDeps): ServerRoute[] {
  return [
    {
      method: 'POST',
      path: '/api/v1/debtors/{debtorId}/collection-cases',
      options: {
        tags: ['api', 'debtors'],
        id: 'createCollectionCase',
        description: "Hand a debtor's overdue invoices to a collection agency through the installed plugin",
        notes:
          'Hands off every open invoice due before today (in the administration time zone) and stores the ' +
          "agency's case reference. 422 nothing_overdue without overdue invoices; 409 collection_case_open " +
          'while a case runs. Needs the plugin to have been granted collection:write. Safe to retry with an ' +
          'Idempotency-Key: the agency sees the same idempotency key on every attempt; 409 request_in_progress ' +
          'while the first attempt is running.',
        auth: { access: { scope: [SCOPES.ledgerWrite] } },
        response: {
          status: {
            201: collectionCaseView,
            ...failures(
              noDebtor,
              {
                409: 'The debtor has a collection case running (`collection_case_open`)',
                422: 'No overdue invoices (`nothing_overdue`), or in more than one currency (`mixed_currencies`)',
              },
              capabilityFailures,
              idempotentCallFailures,
            ),
          },
        },
        validate: {
          headers: idempotencyHeaders,
          params: debtorParams,
          payload: Joi.object({
            installationId: prefixedId('ins').description('The collection installation; default the first'),
          }),
        },
      },
      handler: async (request, h) => {
        const { tenantId } = principal(request);
        const { debtorId } = input<{ debtorId: string }>(request.params);
        const { installationId } = input<{ installationId?: string }>(request.payload);
        const requestKey = input<string | undefined>(request.headers['idempotency-key']);
        const response = await idempotentCall(requestEm(request), request, {
          call: () => handOffToCollection(deps, tenantId, { debtorId, installationId, requestKey }),
          store: async (tx, handed) => ({ statusCode: 201, body: await storeCollectionCase(tx, handed) }),
        });
        return h.response(response.body as object).code(response.statusCode);
      },
    },
    debtorHistoryRoute({
      path: '/api/v1/debtors/{debtorId}/collection-cases',
      id: 'listCollectionCases',
      description: "A debtor's collection cases, newest first",
      table: 'collection_case',
      present: presentCollectionCase,
      schema: collectionCaseView,
    }),
    {
      method: 'POST',
      path: '/api/v1/collection-cases/{id}/refresh',
      options: {
        tags: ['api', 'debtors'],
        id: 'refreshCollectionCase',
        description: "Ask the agency for a collection case's status and record it",
        notes: "For agencies that do not call back; calls the plugin's readStatus.",
        auth: { access: { scope: [SCOPES.ledgerWrite] } },
        response: {
          status: {
            200: collectionCaseView,
            ...failures({ 404: 'No such case (`collection_case_not_found`)' }, capabilityFailures),
          },
        },
        validate: { params: Joi.object({ id: prefixedId('col').required() }) },
      },
      handler: async (request) => {
        const { id } = input<{ id: string }>(request.params);
        return refreshCollectionCase(deps, principal(request).tenantId, id);
      },
    },
  ];
}
