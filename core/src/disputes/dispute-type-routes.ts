import type { ServerRoute } from '@hapi/hapi';
import { SCOPES } from '../auth/principal.ts';
import { failures } from '../http/answer-schemas.ts';
import { input, principal, readForRequest, requestEm } from '../http/request-context.ts';
import { notFound } from '../shared/errors.ts';
import { Joi, type Schema } from '../shared/joi.ts';
import { instant, named } from '../shared/schemas.ts';
import type { DisputeType } from './default-dispute-types.ts';
import { DISPUTE_LANGUAGES } from './dispute-languages.ts';
import { disputeSettingsView, readDisputeSettings, saveDisputeSettings } from './dispute-settings.ts';
import {
  findDisputeType,
  listDisputeTypes,
  saveDisputeType,
  type TenantDisputeType,
} from './dispute-type-store.ts';

const perLanguage = (schema: Schema) =>
  Joi.object(Object.fromEntries(DISPUTE_LANGUAGES.map((l) => [l, l === 'en' ? schema.required() : schema])));
const template = named(
  'AcknowledgementTemplate',
  Joi.object({
    subject: Joi.string().min(1).max(500).required(),
    text: Joi.string().min(1).max(20_000).required(),
  }),
);
const typeFields = {
  names: perLanguage(Joi.string().min(1).max(100)).description('The type’s name per language; `en` required'),
  templates: perLanguage(template).description(
    'Acknowledgement (LiquidJS, plain text) per language; `en` is the fallback. Variables: see docs/disputes-promises-plans.md',
  ),
  dueDays: Joi.number().integer().min(1).max(90).description('Working days until the dispute is due'),
  escalateTo: Joi.string()
    .min(1)
    .max(200)
    .allow(null)
    .description('Staff user a dispute past its due date goes to'),
  active: Joi.boolean().description('Inactive types cannot be chosen for new disputes'),
};
const disputeTypeView = named(
  'DisputeType',
  Joi.object({
    code: Joi.string().required(),
    names: typeFields.names.required(),
    templates: typeFields.templates.required(),
    dueDays: typeFields.dueDays.required(),
    escalateTo: typeFields.escalateTo.required(),
    active: typeFields.active.required(),
    custom: Joi.boolean().required().description('The tenant changed or added it (else Kredo’s default)'),
    updatedAt: instant.allow(null).required(),
  }),
);
const code = Joi.object({
  code: Joi.string()
    .pattern(/^[a-z][a-z0-9_]{1,39}$/)
    .required()
    .description('Lower case letters, digits and _'),
});
const tags = ['api', 'disputes'];

const present = (type: TenantDisputeType) => ({ ...type });

export const disputeTypeRoutes: ServerRoute[] = [
  {
    method: 'GET',
    path: '/api/v1/dispute-types',
    options: {
      tags,
      id: 'listDisputeTypes',
      description:
        'List the tenant’s dispute types (Kredo’s defaults, as the tenant changed them, and its own)',
      auth: { access: { scope: [SCOPES.dunningRead] } },
      response: { status: { 200: Joi.object({ data: Joi.array().items(disputeTypeView).required() }) } },
    },
    handler: async (request) => ({ data: (await readForRequest(request, listDisputeTypes)).map(present) }),
  },
  {
    method: 'GET',
    path: '/api/v1/dispute-types/{code}',
    options: {
      tags,
      id: 'getDisputeType',
      description: 'Get a dispute type',
      auth: { access: { scope: [SCOPES.dunningRead] } },
      response: {
        status: { 200: disputeTypeView, ...failures({ 404: 'No such type (`dispute_type_not_found`)' }) },
      },
      validate: { params: code },
    },
    handler: async (request) => {
      const { code: wanted } = input<{ code: string }>(request.params);
      const type = await findDisputeType(requestEm(request), wanted);
      if (!type) throw notFound('Dispute type', wanted);
      return present(type);
    },
  },
  {
    method: 'PUT',
    path: '/api/v1/dispute-types/{code}',
    options: {
      tags,
      id: 'putDisputeType',
      description: 'Change a dispute type or add one',
      notes:
        'Every template is rendered against a sample acknowledgement before anything is stored: one that ' +
        'does not parse or names an unknown variable is refused with a 400 naming it (`templates.nl.text`).',
      auth: { access: { scope: [SCOPES.dunningManage] } },
      response: { status: { 200: disputeTypeView } },
      validate: {
        params: code,
        payload: Joi.object({
          ...typeFields,
          names: typeFields.names.required(),
          templates: typeFields.templates.required(),
        }),
      },
    },
    handler: async (request) => {
      const { tenantId, subject } = principal(request);
      const { code: typeCode } = input<{ code: string }>(request.params);
      const body = input<Omit<DisputeType, 'code'>>(request.payload);
      const type: DisputeType = {
        code: typeCode,
        names: body.names,
        templates: body.templates,
        dueDays: body.dueDays ?? 5,
        escalateTo: body.escalateTo ?? null,
        active: body.active ?? true,
      };
      return present(
        await requestEm(request).transactional((em) => saveDisputeType(em, tenantId, type, subject)),
      );
    },
  },
  {
    method: 'GET',
    path: '/api/v1/dispute-settings',
    options: {
      tags,
      id: 'getDisputeSettings',
      description: 'Get the tenant’s dispute settings (the escalation user)',
      auth: { access: { scope: [SCOPES.dunningRead] } },
      response: { status: { 200: disputeSettingsView } },
    },
    handler: (request) => readDisputeSettings(requestEm(request)),
  },
  {
    method: 'PUT',
    path: '/api/v1/dispute-settings',
    options: {
      tags,
      id: 'putDisputeSettings',
      description: 'Set the tenant’s dispute settings',
      auth: { access: { scope: [SCOPES.dunningManage] } },
      response: { status: { 200: disputeSettingsView } },
      validate: {
        payload: Joi.object({ escalateTo: Joi.string().min(1).max(200).allow(null).required() }),
      },
    },
    handler: async (request) => {
      const { tenantId } = principal(request);
      const settings = input<{ escalateTo: string | null }>(request.payload);
      return saveDisputeSettings(requestEm(request), tenantId, settings);
    },
  },
];
