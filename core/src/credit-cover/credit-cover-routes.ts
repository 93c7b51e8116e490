import type { ServerRoute } from '@hapi/hapi';
import { SCOPES } from '../auth/principal.ts';
import { type CapabilityDeps, capabilityFailures } from '../capabilities/call-capability.ts';
import { failures } from '../http/answer-schemas.ts';
import { idempotencyHeaders, idempotentCall, idempotentCallFailures } from '../http/idempotency.ts';
import { input, principal, requestEm } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { currency, minorUnits, prefixedId } from '../shared/schemas.ts';
import { creditCoverView } from './credit-cover-store.ts';
import { type CoverRequest, currentCover, requestCover, storeRequestedCover } from './request-cover.ts';

const debtorParams = Joi.object({ debtorId: prefixedId('dbt').required() });
const noDebtor = { 404: 'No such debtor (`debtor_not_found`)' };

/** Credit-insurance cover of debtors through the tenant's credit-insurance plugin. */
export function creditCoverRoutes(deps: CapabilityDeps): ServerRoute[] {
  return [
    {
      method: 'POST',
      path: '/api/v1/debtors/{debtorId}/credit-cover',
      options: {
        tags: ['api', 'debtors'],
        id: 'requestCreditCover',
        description: 'Ask the installed credit insurer to cover a debtor up to an amount',
        notes:
          "Stores the insurer's answer (granted, partial, refused or pending, with the covered amount). Needs " +
          'the plugin to have been granted debtors:risk:write. Safe to retry with an Idempotency-Key; 409 ' +
          'request_in_progress while the first attempt is running.',
        auth: { access: { scope: [SCOPES.ledgerWrite] } },
        response: {
          status: { 201: creditCoverView, ...failures(noDebtor, capabilityFailures, idempotentCallFailures) },
        },
        validate: {
          headers: idempotencyHeaders,
          params: debtorParams,
          payload: Joi.object({
            amount: Joi.object({
              amount: minorUnits.min(1).required(),
              currency: currency.required(),
            }).required(),
            installationId: prefixedId('ins').description(
              'The credit-insurance installation; default the first',
            ),
          }),
        },
      },
      handler: async (request, h) => {
        const { tenantId } = principal(request);
        const { debtorId } = input<{ debtorId: string }>(request.params);
        const body = input<Omit<CoverRequest, 'debtorId'>>(request.payload);
        const requestKey = input<string | undefined>(request.headers['idempotency-key']);
        const response = await idempotentCall(requestEm(request), request, {
          call: () => requestCover(deps, tenantId, { debtorId, ...body, requestKey }),
          store: async (tx, answered) => ({ statusCode: 201, body: await storeRequestedCover(tx, answered) }),
        });
        return h.response(response.body as object).code(response.statusCode);
      },
    },
    {
      method: 'GET',
      path: '/api/v1/debtors/{debtorId}/credit-cover',
      options: {
        tags: ['api', 'debtors'],
        id: 'getCreditCover',
        description: "A debtor's current credit-insurance cover",
        notes:
          'The newest cover stored; with refresh=true the insurer is asked again (readCover) and its answer stored.',
        auth: { access: { scope: [SCOPES.ledgerRead] } },
        response: {
          status: {
            200: creditCoverView,
            ...failures(
              noDebtor,
              { 404: 'The debtor has no cover yet (`credit_cover_not_found`)' },
              capabilityFailures,
            ),
          },
        },
        validate: {
          params: debtorParams,
          query: Joi.object({ refresh: Joi.boolean().default(false) }),
        },
      },
      handler: async (request) => {
        const { debtorId } = input<{ debtorId: string }>(request.params);
        const { refresh } = input<{ refresh: boolean }>(request.query);
        return currentCover(deps, principal(request).tenantId, debtorId, refresh);
      },
    },
  ];
}
