import type { ServerRoute } from '@hapi/hapi';
import { createApp, listApps, type Queryable, revokeApp } from '@kredo/identity';
import { ALL_SCOPES, SCOPES } from '../auth/principal.ts';
import { failures, noContent } from '../http/answer-schemas.ts';
import { idempotencyHeaders, idempotentCall, idempotentCallFailures } from '../http/idempotency.ts';
import { decodeCursor, pageOf, pageQuery, toPage } from '../http/pagination.ts';
import { input, principal, requestEm } from '../http/request-context.ts';
import { notFound } from '../shared/errors.ts';
import { Joi } from '../shared/joi.ts';
import { actorOf, identityCall } from './api-client-routes.ts';
import {
  applicationIdSchema,
  applicationView,
  newApplicationView,
  presentApplication,
  presentNewApplication,
} from './application-view.ts';
import { checkClientScopes } from './client-scopes.ts';

const tags = ['api', 'identity'];
const access = { scope: [SCOPES.identityManage] };
const applicationNotFound = {
  404: 'The tenant has no application with that id (`application_not_found`)',
};

/**
 * The tenant's third-party applications: OAuth clients that sign the tenant's people in with
 * authorization code + PKCE and act for them after they consent (identity's consent page).
 */
export function applicationRoutes(identityDb: Queryable): ServerRoute[] {
  return [
    {
      method: 'POST',
      path: '/api/v1/applications',
      options: {
        tags,
        id: 'createApplication',
        description: 'Register a third-party application: a confidential one’s secret is in this answer only',
        notes:
          'Redirect URIs must be https, or http on a loopback address (127.0.0.1, [::1], localhost), without a fragment (400 naming `redirectUris[i]`). The scopes must be among the caller’s own (400 naming `scopes[i]`). People of the tenant sign in to it and are asked to allow what it asks for, within their roles.',
        auth: { access },
        response: { status: { 201: newApplicationView, ...failures(idempotentCallFailures) } },
        validate: {
          headers: idempotencyHeaders,
          payload: Joi.object({
            name: Joi.string().trim().min(1).max(200).required().description('Shown on the consent page'),
            scopes: Joi.array()
              .items(Joi.string().valid(...ALL_SCOPES))
              .min(1)
              .unique()
              .required()
              .description('The API scopes it may ask people for: some of the caller’s own'),
            redirectUris: Joi.array()
              .items(Joi.string().max(2000))
              .min(1)
              .max(10)
              .required()
              .description('Where people are sent back with the code'),
            confidential: Joi.boolean()
              .default(false)
              .description('true: a server-side application with a secret; false: public (PKCE alone)'),
          }),
        },
      },
      handler: async (request, h) => {
        const { tenantId, scopes: held } = principal(request);
        const body = input<{ name: string; scopes: string[]; redirectUris: string[]; confidential: boolean }>(
          request.payload,
        );
        checkClientScopes(body.scopes, held);
        const response = await idempotentCall(requestEm(request), request, {
          call: () => identityCall(() => createApp(identityDb, { tenantId, ...body }, actorOf(request))),
          store: async (_tx, app) => ({
            statusCode: 201,
            body: presentNewApplication(app),
            replayBody: { ...presentApplication(app), clientSecret: null },
          }),
        });
        return h.response(response.body as object).code(response.statusCode);
      },
    },
    {
      method: 'GET',
      path: '/api/v1/applications',
      options: {
        tags,
        id: 'listApplications',
        description:
          'The tenant’s third-party applications, revoked ones included, oldest first; never a secret',
        auth: { access },
        response: { status: { 200: pageOf(applicationView) } },
        validate: { query: Joi.object(pageQuery) },
      },
      handler: async (request) => {
        const { limit, cursor } = input<{ limit: number; cursor?: string }>(request.query);
        const apps = await listApps(identityDb, principal(request).tenantId, {
          after: decodeCursor(cursor),
          limit: limit + 1,
        });
        return toPage(
          apps.map((app) => ({ ...app, id: app.clientId })),
          limit,
          presentApplication,
        );
      },
    },
    {
      method: 'DELETE',
      path: '/api/v1/applications/{clientId}',
      options: {
        tags,
        id: 'revokeApplication',
        description: 'Revoke an application: it signs nobody in, and every grant people gave it is revoked',
        notes:
          'Its refresh tokens are refused at once; access tokens it holds stay valid until their `exp` (at most 60 minutes after issue). Revoking a revoked application answers 204 again.',
        auth: { access },
        response: { status: { 204: noContent, ...failures(applicationNotFound) } },
        validate: { params: Joi.object({ clientId: applicationIdSchema.required() }) },
      },
      handler: async (request, h) => {
        const { clientId } = input<{ clientId: string }>(request.params);
        const revoked = await revokeApp(identityDb, principal(request).tenantId, clientId, actorOf(request));
        if (!revoked) throw notFound('Application', clientId);
        return h.response().code(204);
      },
    },
  ];
}
