import type { Lifecycle, ServerRoute } from '@hapi/hapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import { SCOPES } from '../auth/principal.ts';
import { failures, noContent } from '../http/answer-schemas.ts';
import { idempotencyFailures, idempotencyHeaders, idempotent } from '../http/idempotency.ts';
import { decodeCursor, pageOf, pageQuery, toPage } from '../http/pagination.ts';
import { input, principal, readForRequest, requestEm } from '../http/request-context.ts';
import { DomainError } from '../shared/errors.ts';
import { Joi } from '../shared/joi.ts';
import { instant, named, prefixedId } from '../shared/schemas.ts';
import { type StrategyDefinition, strategyDefinitionSchema } from './strategy-definition.ts';
import {
  archiveStrategy,
  createStrategy,
  listStrategies,
  readStrategy,
  type StrategyRow,
  type StrategyVersionRow,
  strategyVersion,
  strategyVersions,
  updateStrategy,
} from './strategy-store.ts';

const versionView = Joi.object({
  version: Joi.number().integer().min(1).required(),
  createdBy: Joi.string().allow(null).required(),
  createdAt: instant.required(),
});

const strategyView = named(
  'DunningStrategy',
  Joi.object({
    id: prefixedId('dst').required(),
    administrationId: prefixedId('adm').required(),
    name: Joi.string().required(),
    version: Joi.number().integer().min(1).required().description('The current version'),
    definition: strategyDefinitionSchema.required().description('The current version’s definition'),
    archivedAt: instant.allow(null).required(),
    createdAt: instant.required(),
    updatedAt: instant.required(),
    versions: Joi.array()
      .items(versionView)
      .description('Every version, newest first (single strategy answers)'),
  }),
);

function presentStrategy(s: StrategyRow, versions?: StrategyVersionRow[]) {
  return {
    id: s.id,
    administrationId: s.administrationId,
    name: s.name,
    version: s.currentVersion,
    definition: s.definition,
    archivedAt: s.archivedAt,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    ...(versions ? { versions } : {}),
  };
}

async function withVersions(em: EntityManager, strategy: StrategyRow) {
  return presentStrategy(strategy, await strategyVersions(em, strategy.id));
}

/**
 * A strategy's shape is refused with the step and field it concerns, relative to the definition
 * (`steps[2].offsetDays`), as the rules of strategy-check.ts name them.
 */
const strategyFailAction: Lifecycle.Method = (_request, _h, error) => {
  const detail = (error as Error & { details?: { path: (string | number)[]; message: string }[] })
    .details?.[0];
  const path = detail?.path ?? [];
  const inDefinition = path[0] === 'definition';
  const field = (inDefinition ? path.slice(1) : path)
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`))
    .join('');
  const message = detail?.message.replace(/^"[^"]*" /, '') ?? 'is invalid';
  throw new DomainError('invalid_request', 400, `${inDefinition ? 'definition.' : ''}${field}: ${message}`, {
    field,
  });
};

const strategyId = Joi.object({ strategyId: prefixedId('dst').required() });
const notFound = { 404: 'No such strategy (`strategy_not_found`)' };
const refused = {
  400: 'The definition breaks a rule: `field` names the step and field (`steps[2].offsetDays`), `details.problems` lists all (`invalid_request`)',
};
const nameTaken = { 409: 'Another strategy of the administration has this name (`strategy_exists`)' };
const tags = ['api', 'dunning'];

export const strategyRoutes: ServerRoute[] = [
  {
    method: 'POST',
    path: '/api/v1/dunning/strategies',
    options: {
      tags,
      id: 'createDunningStrategy',
      description: 'Create a dunning strategy (version 1)',
      notes:
        'Refused with 400 naming the step and field when steps are out of order, a message step lacks a template ' +
        'in the default language, a template does not render, a stop step is not last, names repeat, or WIK costs ' +
        'are claimed from consumers before a fourteen-day letter. Nothing is saved then.',
      auth: { access: { scope: [SCOPES.dunningManage] } },
      response: {
        status: {
          201: strategyView,
          ...failures(
            refused,
            { 404: 'No such administration (`administration_not_found`)' },
            nameTaken,
            idempotencyFailures,
          ),
        },
      },
      validate: {
        headers: idempotencyHeaders,
        payload: Joi.object({
          administrationId: prefixedId('adm').required(),
          name: Joi.string().trim().min(1).max(200).required(),
          definition: strategyDefinitionSchema.required(),
        }),
        failAction: strategyFailAction,
      },
    },
    handler: async (request, h) => {
      const { tenantId, subject } = principal(request);
      const payload = input<{ administrationId: string; name: string; definition: StrategyDefinition }>(
        request.payload,
      );
      const response = await idempotent(requestEm(request), request, async (em) => ({
        statusCode: 201,
        body: await withVersions(em, await createStrategy(em, tenantId, payload, subject)),
      }));
      return h.response(response.body as object).code(response.statusCode);
    },
  },
  {
    method: 'GET',
    path: '/api/v1/dunning/strategies',
    options: {
      tags,
      id: 'listDunningStrategies',
      description: 'List dunning strategies with their current definitions',
      auth: { access: { scope: [SCOPES.dunningRead] } },
      response: { status: { 200: pageOf(strategyView) } },
      validate: {
        query: Joi.object({
          ...pageQuery,
          administrationId: prefixedId('adm'),
          archived: Joi.boolean().default(false).description('Include archived strategies'),
        }),
      },
    },
    handler: async (request) => {
      const { limit, cursor, administrationId, archived } = input<{
        limit: number;
        cursor?: string;
        administrationId?: string;
        archived: boolean;
      }>(request.query);
      const rows = await listStrategies(requestEm(request), {
        administrationId,
        archived,
        after: decodeCursor(cursor),
        limit,
      });
      return toPage(rows, limit, (row) => presentStrategy(row));
    },
  },
  {
    method: 'GET',
    path: '/api/v1/dunning/strategies/{strategyId}',
    options: {
      tags,
      id: 'getDunningStrategy',
      description: 'Get a dunning strategy: its current definition and its versions',
      auth: { access: { scope: [SCOPES.dunningRead] } },
      response: { status: { 200: strategyView, ...failures(notFound) } },
      validate: { params: strategyId },
    },
    handler: async (request) =>
      readForRequest(request, async (em) =>
        withVersions(em, await readStrategy(em, input<{ strategyId: string }>(request.params).strategyId)),
      ),
  },
  {
    method: 'GET',
    path: '/api/v1/dunning/strategies/{strategyId}/versions/{version}',
    options: {
      tags,
      id: 'getDunningStrategyVersion',
      description: 'Get one version of a dunning strategy (the one an action was made under)',
      auth: { access: { scope: [SCOPES.dunningRead] } },
      response: {
        status: {
          200: Joi.object({
            strategyId: prefixedId('dst').required(),
            version: Joi.number().integer().required(),
            definition: strategyDefinitionSchema.required(),
          }),
          ...failures(notFound),
        },
      },
      validate: { params: strategyId.keys({ version: Joi.number().integer().min(1).required() }) },
    },
    handler: async (request) => {
      const { strategyId: id, version } = input<{ strategyId: string; version: number }>(request.params);
      return { strategyId: id, version, definition: await strategyVersion(requestEm(request), id, version) };
    },
  },
  {
    method: 'PUT',
    path: '/api/v1/dunning/strategies/{strategyId}',
    options: {
      tags,
      id: 'updateDunningStrategy',
      description: 'Publish a new version of a dunning strategy',
      notes:
        'Writes version n+1 and makes it current, in one transaction. Actions keep pointing at the version that ' +
        'made them; debtors in an episode take their next step from the new version (matched by step index).',
      auth: { access: { scope: [SCOPES.dunningManage] } },
      response: { status: { 200: strategyView, ...failures(refused, notFound, nameTaken) } },
      validate: {
        params: strategyId,
        payload: Joi.object({
          name: Joi.string().trim().min(1).max(200),
          definition: strategyDefinitionSchema.required(),
        }),
        failAction: strategyFailAction,
      },
    },
    handler: async (request) => {
      const { tenantId, subject } = principal(request);
      const { strategyId: id } = input<{ strategyId: string }>(request.params);
      const payload = input<{ name?: string; definition: StrategyDefinition }>(request.payload);
      return requestEm(request).transactional(async (tx) =>
        withVersions(
          tx as EntityManager,
          await updateStrategy(tx as EntityManager, tenantId, id, payload, subject),
        ),
      );
    },
  },
  {
    method: 'DELETE',
    path: '/api/v1/dunning/strategies/{strategyId}',
    options: {
      tags,
      id: 'archiveDunningStrategy',
      description: 'Archive a dunning strategy',
      notes:
        'No new episode starts under it; debtors in an episode under it go on. 409 while a segment or the settings choose it.',
      auth: { access: { scope: [SCOPES.dunningManage] } },
      response: {
        status: {
          204: noContent,
          ...failures(notFound, {
            409: 'A segment or the default strategy setting chooses it (`strategy_in_use`)',
          }),
        },
      },
      validate: { params: strategyId },
    },
    handler: async (request, h) => {
      const { strategyId: id } = input<{ strategyId: string }>(request.params);
      await requestEm(request).transactional((tx) => archiveStrategy(tx as EntityManager, id));
      return h.response().code(204);
    },
  },
];
