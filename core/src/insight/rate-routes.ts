import type { ServerRoute } from '@hapi/hapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import { SCOPES } from '../auth/principal.ts';
import { failures } from '../http/answer-schemas.ts';
import { input, principal, readForRequest, requestEm } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { rateItem } from './insight-schemas.ts';
import { listRates, putRates, type Rate } from './rates.ts';

const badRate = { 400: 'A rate is not valid (`invalid_request`, `details.field`)' };

/** The tenant's exchange rates, which converted figures (`convertTo`) use. */
export const rateRoutes: ServerRoute[] = [
  {
    method: 'GET',
    path: '/api/v1/insight/rates',
    options: {
      tags: ['api', 'insight'],
      id: 'listRates',
      description: 'The tenant’s exchange rates for converted figures',
      auth: { access: { scope: [SCOPES.ledgerRead] } },
      response: { status: { 200: Joi.object({ rates: Joi.array().items(rateItem).required() }) } },
    },
    handler: async (request) => readForRequest(request, async (em) => ({ rates: await listRates(em) })),
  },
  {
    method: 'PUT',
    path: '/api/v1/insight/rates',
    options: {
      tags: ['api', 'insight'],
      id: 'putRates',
      description: 'Add or replace exchange rates',
      notes:
        'Each rate says what one unit of `currency` is in `toCurrency` from `validFrom` on, until a later one; a rate given again for the same currencies and date replaces it. Converted figures (`convertTo`) use the latest valid on their date.',
      auth: { access: { scope: [SCOPES.ledgerWrite] } },
      validate: { payload: Joi.object({ rates: Joi.array().items(rateItem).min(1).max(500).required() }) },
      response: {
        status: { 200: Joi.object({ rates: Joi.array().items(rateItem).required() }), ...failures(badRate) },
      },
    },
    handler: async (request) => {
      const { tenantId } = principal(request);
      const { rates } = input<{ rates: Rate[] }>(request.payload);
      return requestEm(request).transactional(async (em) => {
        await putRates(em as EntityManager, tenantId, rates);
        return { rates: await listRates(em as EntityManager) };
      });
    },
  },
];
