import type { ApiClient, NewApiClient } from '@kredo/identity';
import { Joi } from '../shared/joi.ts';
import { instant, named } from '../shared/schemas.ts';

/** An API client's id: `cli_` and random hex (the demo's is `cli_demo_erp`). */
export const clientIdSchema = Joi.string()
  .pattern(/^cli_[\w-]{4,60}$/)
  .description('API client id (cli_…)');

const clientFields = {
  clientId: clientIdSchema.required().description('The OAuth client_id'),
  name: Joi.string().required(),
  scopes: Joi.array().items(Joi.string()).required().description('The scopes its tokens may carry'),
  createdAt: instant.required(),
  revokedAt: instant.allow(null).required().description('When it was revoked; null while it gets tokens'),
};

export const apiClientView = named('ApiClient', Joi.object(clientFields));

export const newApiClientView = named(
  'NewApiClient',
  Joi.object({
    ...clientFields,
    clientSecret: Joi.string().description(
      'The client secret, in this answer only: it is stored as a hash and never shown again (a retry with the same Idempotency-Key answers without it)',
    ),
  }),
);

export function presentApiClient(client: ApiClient) {
  return {
    clientId: client.clientId,
    name: client.name,
    scopes: client.scopes,
    createdAt: client.createdAt.toISOString(),
    revokedAt: client.revokedAt?.toISOString() ?? null,
  };
}

export function presentNewApiClient(client: NewApiClient) {
  return { ...presentApiClient(client), clientSecret: client.clientSecret };
}
