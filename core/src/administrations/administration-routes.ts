import type { ServerRoute } from '@hapi/hapi';
import { SCOPES } from '../auth/principal.ts';
import { failures } from '../http/answer-schemas.ts';
import { idempotencyFailures, idempotencyHeaders, idempotent } from '../http/idempotency.ts';
import { decodeCursor, pageOf, pageQuery, toPage } from '../http/pagination.ts';
import { input, principal, requestEm } from '../http/request-context.ts';
import { Joi } from '../shared/joi.ts';
import { country, currency, externalKey, prefixedId, timeZone } from '../shared/schemas.ts';
import {
  administrationView,
  createAdministration,
  getAdministration,
  listAdministrations,
  presentAdministration,
  updateAdministration,
} from './administration-service.ts';
import { senderFields } from './sender-fields.ts';

const fields = {
  code: externalKey.description('Short code, unique per tenant (e.g. the ERP company code)'),
  name: Joi.string().trim().min(1).max(200),
  currency,
  timeZone,
  country,
  paymentTermDays: Joi.number().integer().min(0).max(365),
  ...senderFields,
};
const administrationId = Joi.object({ id: prefixedId('adm').required() });
const notFound = { 404: 'No such administration (`administration_not_found`)' };
const codeTaken = { 409: 'Another administration has this code (`administration_exists`)' };

export const administrationRoutes: ServerRoute[] = [
  {
    method: 'GET',
    path: '/api/v1/administrations',
    options: {
      tags: ['api', 'administrations'],
      id: 'listAdministrations',
      description: 'List administrations (ledgers / legal entities)',
      auth: { access: { scope: [SCOPES.ledgerRead] } },
      validate: { query: Joi.object(pageQuery) },
      response: { status: { 200: pageOf(administrationView) } },
    },
    handler: async (request) => {
      const { limit, cursor } = input<{ limit: number; cursor?: string }>(request.query);
      return toPage(
        await listAdministrations(requestEm(request), decodeCursor(cursor), limit),
        limit,
        presentAdministration,
      );
    },
  },
  {
    method: 'GET',
    path: '/api/v1/administrations/{id}',
    options: {
      tags: ['api', 'administrations'],
      id: 'getAdministration',
      description: 'Get an administration',
      auth: { access: { scope: [SCOPES.ledgerRead] } },
      validate: { params: administrationId },
      response: { status: { 200: administrationView, ...failures(notFound) } },
    },
    handler: async (request) =>
      presentAdministration(
        await getAdministration(requestEm(request), input<{ id: string }>(request.params).id),
      ),
  },
  {
    method: 'POST',
    path: '/api/v1/administrations',
    options: {
      tags: ['api', 'administrations'],
      id: 'createAdministration',
      description: 'Create an administration',
      auth: { access: { scope: [SCOPES.ledgerWrite] } },
      response: { status: { 201: administrationView, ...failures(codeTaken, idempotencyFailures) } },
      validate: {
        headers: idempotencyHeaders,
        payload: Joi.object({
          ...fields,
          code: fields.code.required(),
          name: fields.name.required(),
          currency: fields.currency.default('EUR'),
          timeZone: fields.timeZone.default('Europe/Amsterdam'),
          country: fields.country.required(),
          paymentTermDays: fields.paymentTermDays.default(30),
        }),
      },
    },
    handler: async (request, h) => {
      const { tenantId } = principal(request);
      const response = await idempotent(requestEm(request), request, async (em) => ({
        statusCode: 201,
        body: presentAdministration(await createAdministration(em, tenantId, request.payload as never)),
      }));
      return h.response(response.body as object).code(response.statusCode);
    },
  },
  {
    method: 'PATCH',
    path: '/api/v1/administrations/{id}',
    options: {
      tags: ['api', 'administrations'],
      id: 'updateAdministration',
      description: 'Change an administration',
      auth: { access: { scope: [SCOPES.ledgerWrite] } },
      validate: { params: administrationId, payload: Joi.object(fields).min(1) },
      response: { status: { 200: administrationView, ...failures(notFound, codeTaken) } },
    },
    handler: async (request) => {
      const em = requestEm(request);
      return em.transactional(async (tx) =>
        presentAdministration(
          await updateAdministration(
            tx as typeof em,
            input<{ id: string }>(request.params).id,
            request.payload as never,
          ),
        ),
      );
    },
  },
];
