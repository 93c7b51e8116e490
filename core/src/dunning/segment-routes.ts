import type { ServerRoute } from '@hapi/hapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import { getAdministration } from '../administrations/administration-service.ts';
import { SCOPES } from '../auth/principal.ts';
import { failures } from '../http/answer-schemas.ts';
import { input, principal, readForRequest, requestEm } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { named, prefixedId } from '../shared/schemas.ts';
import { segmentConditionsSchema } from './segment-rules.ts';
import { listSegments, replaceSegments, type SegmentInput } from './segment-store.ts';

const segmentView = Joi.object({
  id: prefixedId('dsg').required(),
  name: Joi.string().required(),
  position: Joi.number().integer().min(1).required().description('1 is tried first'),
  conditions: segmentConditionsSchema.required(),
  strategyId: prefixedId('dst').required(),
});
const segmentsView = named(
  'DunningSegments',
  Joi.object({
    administrationId: prefixedId('adm').required(),
    segments: Joi.array().items(segmentView).required(),
  }),
);
const administrationQuery = Joi.object({ administrationId: prefixedId('adm').required() });
const noAdministration = { 404: 'No such administration (`administration_not_found`)' };

export const segmentRoutes: ServerRoute[] = [
  {
    method: 'GET',
    path: '/api/v1/dunning/segments',
    options: {
      tags: ['api', 'dunning'],
      id: 'listDunningSegments',
      description: "An administration's dunning segments, in the order they are tried",
      auth: { access: { scope: [SCOPES.dunningRead] } },
      response: { status: { 200: segmentsView, ...failures(noAdministration) } },
      validate: { query: administrationQuery },
    },
    handler: async (request) => {
      const { administrationId } = input<{ administrationId: string }>(request.query);
      const segments = await readForRequest(request, async (em) => {
        await getAdministration(em, administrationId);
        return listSegments(em, administrationId);
      });
      return { administrationId, segments };
    },
  },
  {
    method: 'PUT',
    path: '/api/v1/dunning/segments',
    options: {
      tags: ['api', 'dunning'],
      id: 'replaceDunningSegments',
      description: "Replace an administration's ordered dunning segments",
      notes:
        'The list given becomes the whole list, positions 1..n in its order, in one transaction. Each segment ' +
        'chooses a strategy for debtors meeting all its conditions; the first match wins, else the default ' +
        'strategy (settings). Give an existing segment’s id to keep it (and the reasons that name it).',
      auth: { access: { scope: [SCOPES.dunningManage] } },
      response: {
        status: {
          200: segmentsView,
          ...failures(
            { 400: 'A segment chooses no live strategy of the administration (`invalid_request`)' },
            noAdministration,
          ),
        },
      },
      validate: {
        query: administrationQuery,
        payload: Joi.object({
          segments: Joi.array()
            .items(
              Joi.object({
                id: prefixedId('dsg'),
                name: Joi.string().trim().min(1).max(200).required(),
                conditions: segmentConditionsSchema,
                strategyId: prefixedId('dst').required(),
              }),
            )
            .max(100)
            .required(),
        }),
      },
    },
    handler: async (request) => {
      const { tenantId } = principal(request);
      const { administrationId } = input<{ administrationId: string }>(request.query);
      const { segments } = input<{ segments: SegmentInput[] }>(request.payload);
      const saved = await requestEm(request).transactional((tx) =>
        replaceSegments(tx as EntityManager, tenantId, administrationId, segments),
      );
      return { administrationId, segments: saved };
    },
  },
];
