import type { ServerRoute } from '@hapi/hapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import { SCOPES } from '../auth/principal.ts';
import { failures } from '../http/answer-schemas.ts';
import { idempotencyFailures, idempotencyHeaders, idempotent } from '../http/idempotency.ts';
import { decodeCursor, pageOf, pageQuery, toPage } from '../http/pagination.ts';
import { input, principal, readForRequest, requestEm } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { prefixedId } from '../shared/schemas.ts';
import { type ManualActionInput, recordManualAction } from './action-manual.ts';
import {
  ACTION_STATUSES,
  type ActionFilter,
  actionView,
  listActions,
  presentAction,
  readAction,
} from './action-store.ts';
import { dunningStateView, readDunningState } from './state-view.ts';
import { STEP_ACTIONS } from './strategy-definition.ts';

const debtorParams = Joi.object({ debtorId: prefixedId('dbt').required() });
const noDebtor = { 404: 'No such debtor (`debtor_not_found`)' };

export const actionRoutes: ServerRoute[] = [
  {
    method: 'GET',
    path: '/api/v1/dunning/actions',
    options: {
      tags: ['api', 'dunning'],
      id: 'listDunningActions',
      description: 'List dunning actions, newest first',
      auth: { access: { scope: [SCOPES.dunningRead] } },
      response: { status: { 200: pageOf(actionView) } },
      validate: {
        query: Joi.object({
          ...pageQuery,
          administrationId: prefixedId('adm'),
          debtorId: prefixedId('dbt').description(
            'The dunned party (a group’s parent for its group’s actions)',
          ),
          status: Joi.string().valid(...ACTION_STATUSES),
          kind: Joi.string().valid(...STEP_ACTIONS),
          runId: prefixedId('drn'),
        }),
      },
    },
    handler: async (request) => {
      const { limit, cursor, ...filter } = input<Omit<ActionFilter, 'before'> & { cursor?: string }>(
        request.query,
      );
      const rows = await listActions(requestEm(request), { ...filter, before: decodeCursor(cursor), limit });
      return toPage(rows, limit, presentAction);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/dunning/actions/{actionId}',
    options: {
      tags: ['api', 'dunning'],
      id: 'getDunningAction',
      description: 'Get a dunning action: why it exists, what it covers, how its delivery went',
      auth: { access: { scope: [SCOPES.dunningRead] } },
      response: {
        status: { 200: actionView, ...failures({ 404: 'No such action (`dunning_action_not_found`)' }) },
      },
      validate: { params: Joi.object({ actionId: prefixedId('dac').required() }) },
    },
    handler: async (request) =>
      presentAction(
        await readAction(requestEm(request), input<{ actionId: string }>(request.params).actionId),
      ),
  },
  {
    method: 'POST',
    path: '/api/v1/debtors/{debtorId}/dunning/actions',
    options: {
      tags: ['api', 'dunning'],
      id: 'recordDunningAction',
      description: 'Record a dunning action by hand: it counts as the step it stands for',
      notes:
        'Covers the debtor’s (or its group’s) unpaused overdue invoices like the run would, under the same ' +
        'idempotency key, and moves the debtor to that step. Message kinds are pending for delivery unless ' +
        '`alreadySent`.',
      auth: { access: { scope: [SCOPES.dunningWrite] } },
      response: {
        status: {
          201: actionView,
          ...failures(
            { 400: 'No such step in the strategy (`invalid_request`)' },
            noDebtor,
            { 409: 'The step was already taken in this episode (`duplicate`)' },
            {
              422: 'Nothing overdue to dun (`nothing_overdue`), or no strategy for the debtor (`no_strategy`)',
            },
            idempotencyFailures,
          ),
        },
      },
      validate: {
        headers: idempotencyHeaders,
        params: debtorParams,
        payload: Joi.object({
          step: Joi.alternatives()
            .try(Joi.number().integer().min(1), Joi.string().trim().min(1).max(200))
            .required()
            .description('The step’s 1-based index or its name'),
          channel: Joi.string()
            .valid(...STEP_ACTIONS.filter((a) => a !== 'stop'))
            .description('How it was done, when not the step’s own action'),
          note: Joi.string().max(2000),
          alreadySent: Joi.boolean().default(false).description('Done already: nothing is delivered'),
        }),
      },
    },
    handler: async (request, h) => {
      const { subject } = principal(request);
      const { debtorId } = input<{ debtorId: string }>(request.params);
      const response = await idempotent(requestEm(request), request, async (em) => ({
        statusCode: 201,
        body: presentAction(
          await recordManualAction(em, debtorId, input<ManualActionInput>(request.payload), subject),
        ),
      }));
      return h.response(response.body as object).code(response.statusCode);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/debtors/{debtorId}/dunning',
    options: {
      tags: ['api', 'dunning'],
      id: 'getDebtorDunningState',
      description:
        'Where a debtor stands in dunning: episode, strategy and version, last and next step, pauses',
      auth: { access: { scope: [SCOPES.dunningRead] } },
      response: { status: { 200: dunningStateView, ...failures(noDebtor) } },
      validate: { params: debtorParams },
    },
    handler: async (request) =>
      readForRequest(request, (em: EntityManager) =>
        readDunningState(em, input<{ debtorId: string }>(request.params).debtorId),
      ),
  },
];
