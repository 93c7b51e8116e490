import type { Request, ServerRoute } from '@hapi/hapi';
import {
  ApiClientInputError,
  type AuditActor,
  createApiClient,
  listApiClients,
  type Queryable,
  revokeApiClient,
} from '@kredo/identity';
import { ALL_SCOPES, SCOPES } from '../auth/principal.ts';
import { failures, noContent } from '../http/answer-schemas.ts';
import { clientIpOf } from '../http/client-ip.ts';
import { idempotencyHeaders, idempotentCall, idempotentCallFailures } from '../http/idempotency.ts';
import { decodeCursor, pageOf, pageQuery, toPage } from '../http/pagination.ts';
import { input, principal, requestEm } from '../http/request-context.ts';
import { invalid, notFound } from '../shared/errors.ts';
import { Joi } from '../shared/joi.ts';
import {
  apiClientView,
  clientIdSchema,
  newApiClientView,
  presentApiClient,
  presentNewApiClient,
} from './api-client-view.ts';
import { checkClientScopes } from './client-scopes.ts';

const tags = ['api', 'identity'];
const access = { scope: [SCOPES.identityManage] };
const clientNotFound = { 404: 'The tenant has no API client with that id (`api_client_not_found`)' };

/** The tenant's API clients (OAuth client credentials for integrations), kept by the identity server. */
export function apiClientRoutes(identityDb: Queryable): ServerRoute[] {
  return [
    {
      method: 'POST',
      path: '/api/v1/api-clients',
      options: {
        tags,
        id: 'createApiClient',
        description: 'Create an API client: its secret is in this answer only',
        notes:
          'The scopes must be among the caller’s own (no escalation: 400 naming `scopes[i]`). Its access tokens come from the identity server’s token endpoint with client credentials.',
        auth: { access },
        response: { status: { 201: newApiClientView, ...failures(idempotentCallFailures) } },
        validate: {
          headers: idempotencyHeaders,
          payload: Joi.object({
            name: Joi.string().trim().min(1).max(200).required().description('What the client is for'),
            scopes: Joi.array()
              .items(Joi.string().valid(...ALL_SCOPES))
              .min(1)
              .unique()
              .required()
              .description('The scopes its tokens may carry: some of the caller’s own'),
          }),
        },
      },
      handler: async (request, h) => {
        const { tenantId, scopes: held } = principal(request);
        const { name, scopes } = input<{ name: string; scopes: string[] }>(request.payload);
        checkClientScopes(scopes, held);
        // Identity's insert commits on its own connection (with its audit event); the key is kept
        // apart, as for a plugin call. The secret goes to the caller and nowhere else: a retry
        // with the key gets the client without it.
        const response = await idempotentCall(requestEm(request), request, {
          call: () =>
            identityCall(() => createApiClient(identityDb, { tenantId, name, scopes }, actorOf(request))),
          store: async (_tx, client) => ({
            statusCode: 201,
            body: presentNewApiClient(client),
            replayBody: presentApiClient(client),
          }),
        });
        return h.response(response.body as object).code(response.statusCode);
      },
    },
    {
      method: 'GET',
      path: '/api/v1/api-clients',
      options: {
        tags,
        id: 'listApiClients',
        description: 'The tenant’s API clients, revoked ones included, oldest first; never their secrets',
        auth: { access },
        response: { status: { 200: pageOf(apiClientView) } },
        validate: { query: Joi.object(pageQuery) },
      },
      handler: async (request) => {
        const { limit, cursor } = input<{ limit: number; cursor?: string }>(request.query);
        const clients = await listApiClients(identityDb, principal(request).tenantId, {
          after: decodeCursor(cursor),
          limit: limit + 1,
        });
        return toPage(
          clients.map((client) => ({ ...client, id: client.clientId })),
          limit,
          presentApiClient,
        );
      },
    },
    {
      method: 'DELETE',
      path: '/api/v1/api-clients/{clientId}',
      options: {
        tags,
        id: 'revokeApiClient',
        description: 'Revoke an API client: the token endpoint refuses it from now on',
        notes:
          'Access tokens it already holds stay valid until they expire (`exp`, at most 600 s after issue). Revoking a revoked client answers 204 again.',
        auth: { access },
        response: { status: { 204: noContent, ...failures(clientNotFound) } },
        validate: { params: Joi.object({ clientId: clientIdSchema.required() }) },
      },
      handler: async (request, h) => {
        const { clientId } = input<{ clientId: string }>(request.params);
        const revoked = await revokeApiClient(
          identityDb,
          principal(request).tenantId,
          clientId,
          actorOf(request),
        );
        // Another tenant's client is as absent as one that never was.
        if (!revoked) throw notFound('API client', clientId);
        return h.response().code(204);
      },
    },
  ];
}

/** Who asks, for identity's audit log: the principal's subject, from the address core sees. */
export function actorOf(request: Request): AuditActor {
  return { actorId: principal(request).subject, ip: clientIpOf(request) || null };
}

/** Identity's input errors ("field: what") as core's 400 naming the field. */
export async function identityCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof ApiClientInputError)) throw error;
    const [field = '', ...rest] = error.message.split(': ');
    throw invalid(field, rest.join(': '));
  }
}
