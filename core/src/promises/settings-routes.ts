import type { ServerRoute } from '@hapi/hapi';
import { getAdministration } from '../administrations/administration-service.ts';
import { SCOPES } from '../auth/principal.ts';
import { failures } from '../http/answer-schemas.ts';
import { input, principal, requestEm } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { prefixedId } from '../shared/schemas.ts';
import {
  type ArrangementSettings,
  arrangementSettingsFields,
  arrangementSettingsView,
  readArrangementSettings,
  saveArrangementSettings,
} from './arrangement-settings.ts';

const params = Joi.object({ administrationId: prefixedId('adm').required() });
const noAdministration = { 404: 'No such administration (`administration_not_found`)' };
const tags = ['api', 'promises'];

export const settingsRoutes: ServerRoute[] = [
  {
    method: 'GET',
    path: '/api/v1/administrations/{administrationId}/arrangement-settings',
    options: {
      tags,
      id: 'getArrangementSettings',
      description: 'Get the grace days of promises and plans and the limits of a payment plan',
      auth: { access: { scope: [SCOPES.dunningRead] } },
      response: { status: { 200: arrangementSettingsView, ...failures(noAdministration) } },
      validate: { params },
    },
    handler: async (request) => {
      const { administrationId } = input<{ administrationId: string }>(request.params);
      const em = requestEm(request);
      await getAdministration(em, administrationId);
      return readArrangementSettings(em, administrationId);
    },
  },
  {
    method: 'PUT',
    path: '/api/v1/administrations/{administrationId}/arrangement-settings',
    options: {
      tags,
      id: 'putArrangementSettings',
      description: 'Change the grace days of promises and plans and the limits of a payment plan',
      notes: 'Fields left out keep their value.',
      auth: { access: { scope: [SCOPES.dunningManage] } },
      response: { status: { 200: arrangementSettingsView, ...failures(noAdministration) } },
      validate: { params, payload: Joi.object(arrangementSettingsFields).min(1) },
    },
    handler: async (request) => {
      const { tenantId } = principal(request);
      const { administrationId } = input<{ administrationId: string }>(request.params);
      const patch = input<Partial<ArrangementSettings>>(request.payload);
      return requestEm(request).transactional(async (em) => {
        await getAdministration(em, administrationId);
        return saveArrangementSettings(em, tenantId, administrationId, patch);
      });
    },
  },
];
