import type { ServerRoute } from '@hapi/hapi';
import { SCOPES } from '../auth/principal.ts';
import { failures } from '../http/answer-schemas.ts';
import { idempotencyFailures, idempotencyHeaders, idempotent } from '../http/idempotency.ts';
import { decodeCursor, pageOf, pageQuery, toPage } from '../http/pagination.ts';
import { input, principal, readForRequest, requestEm } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { currency, isoDate, minorUnits, prefixedId } from '../shared/schemas.ts';
import { cancelPromise, makePromise, type PromiseInput } from './make-promise.ts';
import {
  getPromise,
  listPromises,
  PROMISE_STATUSES,
  type PromiseStatus,
  presentPromise,
  promiseView,
} from './promise-store.ts';

const promiseId = Joi.object({ promiseId: prefixedId('prm').required() });
const noPromise = { 404: 'No such promise (`promise_not_found`)' };
const tags = ['api', 'promises'];

export const coverageFailures = {
  404: 'No such debtor (`debtor_not_found`)',
  422: 'The debtor has no overdue invoice (`nothing_overdue`), or they are in several currencies (`mixed_currencies`)',
};

export const promiseRoutes: ServerRoute[] = [
  {
    method: 'POST',
    path: '/api/v1/debtors/{debtorId}/promises',
    options: {
      tags,
      id: 'makePromise',
      description: 'Record a debtor’s promise to pay',
      notes:
        'Holds the invoices out of dunning until the promised date plus the grace days and records ' +
        '`promise.made`. The monitoring job marks it kept once paid, or broken after the grace (dunning ' +
        'resumes, a `promise_broken` task for the collector).',
      auth: { access: { scope: [SCOPES.dunningWrite] } },
      response: { status: { 201: promiseView, ...failures(coverageFailures, idempotencyFailures) } },
      validate: {
        headers: idempotencyHeaders,
        params: Joi.object({ debtorId: prefixedId('dbt').required() }),
        payload: Joi.object({
          invoiceIds: Joi.array()
            .items(prefixedId('inv'))
            .min(1)
            .max(500)
            .unique()
            .description('Open invoices of the debtor; default every overdue one'),
          amount: minorUnits.min(1).description('Minor units; default the invoices’ open total'),
          currency: currency.description('Must be the invoices’ currency'),
          promisedOn: isoDate.required().description('A business date after today'),
          graceDays: Joi.number()
            .integer()
            .min(0)
            .max(60)
            .description('Default the administration’s setting (3)'),
        }),
      },
    },
    handler: async (request, h) => {
      const { tenantId, subject } = principal(request);
      const { debtorId } = input<{ debtorId: string }>(request.params);
      const response = await idempotent(requestEm(request), request, async (em) => {
        const promise = await makePromise(
          em,
          tenantId,
          subject,
          debtorId,
          input<PromiseInput>(request.payload),
        );
        return { statusCode: 201, body: presentPromise(promise) };
      });
      return h.response(response.body as object).code(response.statusCode);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/promises',
    options: {
      tags,
      id: 'listPromises',
      description: 'List promises to pay, by debtor or status',
      auth: { access: { scope: [SCOPES.dunningRead] } },
      response: { status: { 200: pageOf(promiseView) } },
      validate: {
        query: Joi.object({
          ...pageQuery,
          debtorId: prefixedId('dbt'),
          status: Joi.string().valid(...PROMISE_STATUSES),
        }),
      },
    },
    handler: async (request) => {
      const { limit, cursor, ...filter } = input<{
        limit: number;
        cursor?: string;
        debtorId?: string;
        status?: PromiseStatus;
      }>(request.query);
      const rows = await readForRequest(request, (em) =>
        listPromises(em, { ...filter, limit, after: decodeCursor(cursor) }),
      );
      return toPage(rows, limit, presentPromise);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/promises/{promiseId}',
    options: {
      tags,
      id: 'getPromise',
      description: 'Get a promise to pay',
      auth: { access: { scope: [SCOPES.dunningRead] } },
      response: { status: { 200: promiseView, ...failures(noPromise) } },
      validate: { params: promiseId },
    },
    handler: async (request) =>
      presentPromise(
        await getPromise(requestEm(request), input<{ promiseId: string }>(request.params).promiseId),
      ),
  },
  {
    method: 'POST',
    path: '/api/v1/promises/{promiseId}/cancel',
    options: {
      tags,
      id: 'cancelPromise',
      description: 'Withdraw an open promise: dunning resumes where it stood',
      auth: { access: { scope: [SCOPES.dunningWrite] } },
      response: {
        status: {
          200: promiseView,
          ...failures(noPromise, { 409: 'The promise is no longer open (`arrangement_closed`)' }),
        },
      },
      validate: { params: promiseId },
    },
    handler: async (request) => {
      const { promiseId: id } = input<{ promiseId: string }>(request.params);
      return presentPromise(await requestEm(request).transactional((em) => cancelPromise(em, id)));
    },
  },
];
