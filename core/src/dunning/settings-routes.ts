import type { ServerRoute } from '@hapi/hapi';
import type { EntityManager } from '@mikro-orm/postgresql';
import { SCOPES } from '../auth/principal.ts';
import { failures } from '../http/answer-schemas.ts';
import { input, principal, requestEm } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { named, prefixedId } from '../shared/schemas.ts';
import { type DunningSettings, readSettings, writeSettings } from './settings-store.ts';

const runTime = Joi.string()
  .pattern(/^([01]\d|2[0-3]):[0-5]\d$/)
  .description('HH:MM, local time in the administration’s time zone');
const settingsView = named(
  'DunningSettings',
  Joi.object({
    administrationId: prefixedId('adm').required(),
    defaultStrategyId: prefixedId('dst')
      .allow(null)
      .required()
      .description('For debtors no segment matches; null: they are not dunned'),
    runTime: runTime.required(),
    enabled: Joi.boolean().required().description('Whether the daily run happens'),
  }),
);
const params = Joi.object({ administrationId: prefixedId('adm').required() });
const noAdministration = { 404: 'No such administration (`administration_not_found`)' };

export const settingsRoutes: ServerRoute[] = [
  {
    method: 'GET',
    path: '/api/v1/dunning/settings/{administrationId}',
    options: {
      tags: ['api', 'dunning'],
      id: 'getDunningSettings',
      description: "An administration's dunning settings: default strategy, daily run time, enabled",
      auth: { access: { scope: [SCOPES.dunningRead] } },
      response: { status: { 200: settingsView, ...failures(noAdministration) } },
      validate: { params },
    },
    handler: async (request) =>
      readSettings(requestEm(request), input<{ administrationId: string }>(request.params).administrationId),
  },
  {
    method: 'PUT',
    path: '/api/v1/dunning/settings/{administrationId}',
    options: {
      tags: ['api', 'dunning'],
      id: 'updateDunningSettings',
      description: "Change an administration's dunning settings",
      notes: 'Fields left out keep their value.',
      auth: { access: { scope: [SCOPES.dunningManage] } },
      response: {
        status: {
          200: settingsView,
          ...failures(
            { 400: 'The default strategy is not a live strategy of the administration (`invalid_request`)' },
            noAdministration,
          ),
        },
      },
      validate: {
        params,
        payload: Joi.object({
          defaultStrategyId: prefixedId('dst').allow(null),
          runTime,
          enabled: Joi.boolean(),
        }).min(1),
      },
    },
    handler: async (request) => {
      const { tenantId } = principal(request);
      const { administrationId } = input<{ administrationId: string }>(request.params);
      const patch = input<Partial<DunningSettings>>(request.payload);
      return requestEm(request).transactional((tx) =>
        writeSettings(tx as EntityManager, tenantId, administrationId, patch),
      );
    },
  },
];
