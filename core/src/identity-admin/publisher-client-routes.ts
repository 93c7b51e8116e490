import type { ServerRoute } from '@hapi/hapi';
import {
  ApiClientInputError,
  createPublisherClient,
  listPublisherClients,
  type PublisherClient,
  revokePublisherClient,
} from '@kredo/identity';
import type pg from 'pg';
import { SCOPES } from '../auth/principal.ts';
import { failures, noContent } from '../http/answer-schemas.ts';
import { input, principal } from '../http/request-context.ts';
import { assertActsFor } from '../marketplace/publisher-keys.ts';
import { DomainError, invalid, notFound } from '../shared/errors.ts';
import { Joi } from '../shared/joi.ts';
import { instant, named } from '../shared/schemas.ts';
import { actorOf } from './api-client-routes.ts';
import { publisherParams } from './partner-routes.ts';

const tags = ['api', 'marketplace'];
const access = { scope: [SCOPES.marketplacePublish] };
const notAdmin = {
  403: 'The token does not act for this publisher (`publisher_mismatch`), or not as its admin partner (`partner_admin_required`)',
};
const clientFields = {
  clientId: Joi.string()
    .pattern(/^pcl_[0-9a-f]{24}$/)
    .required()
    .description('The OAuth client_id (pcl_…)'),
  publisherId: Joi.string().required(),
  name: Joi.string().required(),
  createdAt: instant.required(),
  revokedAt: instant.allow(null).required().description('When it was revoked; null while it gets tokens'),
};
const clientView = named('PublisherClient', Joi.object(clientFields));
const newClientView = named(
  'NewPublisherClient',
  Joi.object({
    ...clientFields,
    clientSecret: Joi.string().required().description('The client secret, in this answer only'),
  }),
);

/**
 * A publisher's API clients: its CI gets tokens with client credentials (`publisher` claim,
 * `marketplace:publish`, no tenant) and publishes without a person. The publisher's admin partners
 * create and revoke them; every partner of the publisher lists them.
 */
export function publisherClientRoutes(identityDb: pg.Pool): ServerRoute[] {
  const path = '/api/v1/marketplace/publishers/{id}/api-clients';
  return [
    {
      method: 'POST',
      path,
      options: {
        tags,
        id: 'createPublisherClient',
        description:
          "Create an API client for the publisher's CI (client credentials; the secret shown once)",
        auth: { access },
        response: { status: { 201: newClientView, ...failures(notAdmin) } },
        validate: {
          params: publisherParams,
          payload: Joi.object({ name: Joi.string().trim().min(1).max(200).required() }),
        },
      },
      handler: async (request, h) => {
        const { id } = input<{ id: string }>(request.params);
        assertActsFor(principal(request), id);
        const { name } = input<{ name: string }>(request.payload);
        const created = await createPublisherClient(
          identityDb,
          { publisherId: id, name },
          actorOf(request),
        ).catch((error: unknown) => {
          if (error instanceof ApiClientInputError) throw invalid('name', error.message);
          throw error;
        });
        if (!created) throw adminRequired();
        return h.response({ ...present(created), clientSecret: created.clientSecret }).code(201);
      },
    },
    {
      method: 'GET',
      path,
      options: {
        tags,
        id: 'listPublisherClients',
        description: "The publisher's API clients, revoked ones included, oldest first; never a secret",
        auth: { access },
        response: {
          status: {
            200: Joi.object({ data: Joi.array().items(clientView) }),
            ...failures({ 403: 'The token does not act for this publisher (`publisher_mismatch`)' }),
          },
        },
        validate: { params: publisherParams },
      },
      handler: async (request) => {
        const { id } = input<{ id: string }>(request.params);
        assertActsFor(principal(request), id);
        return { data: (await listPublisherClients(identityDb, id)).map(present) };
      },
    },
    {
      method: 'DELETE',
      path: `${path}/{clientId}`,
      options: {
        tags,
        id: 'revokePublisherClient',
        description: 'Revoke an API client of the publisher: it gets no token from now on',
        auth: { access },
        response: {
          status: {
            204: noContent,
            ...failures(notAdmin, { 404: 'The publisher has no such client (`api_client_not_found`)' }),
          },
        },
        validate: {
          params: publisherParams.keys({ clientId: Joi.string().max(100).required() }),
        },
      },
      handler: async (request, h) => {
        const { id, clientId } = input<{ id: string; clientId: string }>(request.params);
        assertActsFor(principal(request), id);
        const outcome = await revokePublisherClient(identityDb, id, clientId, actorOf(request));
        if (outcome === 'forbidden') throw adminRequired();
        if (outcome === 'not_found') throw notFound('API client', clientId);
        return h.response().code(204);
      },
    },
  ];
}

function adminRequired(): DomainError {
  return new DomainError(
    'partner_admin_required',
    403,
    "Only the publisher's admin partners manage its API clients",
  );
}

function present(client: PublisherClient) {
  return {
    clientId: client.clientId,
    publisherId: client.publisherId,
    name: client.name,
    createdAt: client.createdAt.toISOString(),
    revokedAt: client.revokedAt?.toISOString() ?? null,
  };
}
