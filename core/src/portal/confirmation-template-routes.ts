import type { ServerRoute } from '@hapi/hapi';
import { SCOPES } from '../auth/principal.ts';
import { DISPUTE_LANGUAGES } from '../disputes/index.ts';
import { failures } from '../http/answer-schemas.ts';
import { input, readForRequest, requestEm } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import {
  checkTemplates,
  readTemplateOverrides,
  type TemplateOverrides,
  writeTemplateOverrides,
} from './confirmation-templates.ts';
import { CONFIRMATION_TEXTS, TEMPLATE_KEYS } from './confirmation-texts.ts';
import { tags } from './portal-route-options.ts';

const template = Joi.object({
  subject: Joi.string().trim().min(1).max(500).required(),
  text: Joi.string().min(1).max(20_000).required(),
});
const perLanguage = Joi.object(Object.fromEntries(DISPUTE_LANGUAGES.map((language) => [language, template])));
const templates = Joi.object(Object.fromEntries(TEMPLATE_KEYS.map((key) => [key, perLanguage])));
const templatesView = Joi.object({
  templates: templates.required().description('The tenant’s own texts: these replace the shipped ones'),
  defaults: templates.required().description('The shipped texts, used where the tenant has none'),
}).label('PortalConfirmationTemplates');

/**
 * The texts of the e-mails confirming a debtor's portal actions: the tenant may replace any of the
 * shipped ones (per template and language); each is rendered against a sample before it is stored.
 */
export const confirmationTemplateRoutes: ServerRoute[] = [
  {
    method: 'GET',
    path: '/api/v1/portal/confirmation-templates',
    options: {
      tags,
      id: 'getPortalConfirmationTemplates',
      description:
        'The texts of the e-mails confirming a debtor’s portal actions: the tenant’s own and the shipped ones',
      auth: { access: { scope: [SCOPES.dunningRead] } },
      response: { status: { 200: templatesView } },
    },
    handler: async (request) => ({
      templates: await readForRequest(request, readTemplateOverrides),
      defaults: CONFIRMATION_TEXTS,
    }),
  },
  {
    method: 'PUT',
    path: '/api/v1/portal/confirmation-templates',
    options: {
      tags,
      id: 'putPortalConfirmationTemplates',
      description: 'Replace the tenant’s own texts of the portal’s confirmation e-mails',
      notes:
        'LiquidJS, per template (`promise`, `payment_plan`, `po_number`, `contact_changed`, `address_changed`, `question`) and language; what is left out uses the shipped text. A text that does not render against a sample (a misspelt variable) is refused with 400 naming it.',
      auth: { access: { scope: [SCOPES.dunningManage] } },
      response: { status: { 200: templatesView, ...failures({ 400: 'A text that does not render' }) } },
      validate: { payload: Joi.object({ templates: templates.required() }) },
    },
    handler: async (request) => {
      const body = input<{ templates: TemplateOverrides }>(request.payload);
      await checkTemplates(body.templates);
      await requestEm(request).transactional((em) => writeTemplateOverrides(em, body.templates));
      return { templates: body.templates, defaults: CONFIRMATION_TEXTS };
    },
  },
];
