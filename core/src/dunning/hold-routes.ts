import type { ServerRoute } from '@hapi/hapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import { SCOPES } from '../auth/principal.ts';
import { failures, noContent } from '../http/answer-schemas.ts';
import { idempotencyFailures, idempotencyHeaders, idempotent } from '../http/idempotency.ts';
import { input, principal, requestEm } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { isoDate, named, prefixedId } from '../shared/schemas.ts';
import { type HoldInput, liftHold, placeHold } from './hold-service.ts';
import { pauseView, presentPause } from './state-view.ts';

const noDebtor = { 404: 'No such debtor (`debtor_not_found`)' };

export const holdRoutes: ServerRoute[] = [
  {
    method: 'POST',
    path: '/api/v1/debtors/{debtorId}/holds',
    options: {
      tags: ['api', 'dunning'],
      id: 'createDunningHold',
      description: 'Hold a debtor, or some of its invoices, out of dunning until a date',
      notes:
        'The runs leave held invoices out; when all that is overdue is held, the debtor waits at its step. The first ' +
        'run after `endsOn` lifts the hold and gives the collector a `dunning_resumed` task; dunning resumes at the ' +
        'step it stood at.',
      auth: { access: { scope: [SCOPES.dunningWrite] } },
      response: {
        status: {
          201: named('DunningHolds', Joi.object({ holds: Joi.array().items(pauseView).required() })),
          ...failures(
            { 400: 'An invoice is not an open invoice of the debtor, or endsOn is past (`invalid_request`)' },
            noDebtor,
            idempotencyFailures,
          ),
        },
      },
      validate: {
        headers: idempotencyHeaders,
        params: Joi.object({ debtorId: prefixedId('dbt').required() }),
        payload: Joi.object({
          invoiceIds: Joi.array().items(prefixedId('inv')).max(500).unique(),
          endsOn: isoDate.required().description('The last business date the hold holds'),
          reason: Joi.string().trim().min(1).max(2000).required(),
        }),
      },
    },
    handler: async (request, h) => {
      const { tenantId, subject } = principal(request);
      const { debtorId } = input<{ debtorId: string }>(request.params);
      const response = await idempotent(requestEm(request), request, async (em) => {
        const holds = await placeHold(em, tenantId, debtorId, input<HoldInput>(request.payload), subject);
        return { statusCode: 201, body: { holds: holds.map(presentPause) } };
      });
      return h.response(response.body as object).code(response.statusCode);
    },
  },
  {
    method: 'DELETE',
    path: '/api/v1/debtors/{debtorId}/holds/{pauseId}',
    options: {
      tags: ['api', 'dunning'],
      id: 'liftDunningHold',
      description: 'Lift a manual hold before its end',
      auth: { access: { scope: [SCOPES.dunningWrite] } },
      response: {
        status: {
          204: noContent,
          ...failures({ 404: 'No such active hold of the debtor (`hold_not_found`)' }),
        },
      },
      validate: {
        params: Joi.object({ debtorId: prefixedId('dbt').required(), pauseId: prefixedId('dps').required() }),
      },
    },
    handler: async (request, h) => {
      const { debtorId, pauseId } = input<{ debtorId: string; pauseId: string }>(request.params);
      await requestEm(request).transactional((tx) => liftHold(tx as EntityManager, debtorId, pauseId));
      return h.response().code(204);
    },
  },
];
