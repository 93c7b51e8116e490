import type { App, NewApp } from '@kredo/identity';
import { Joi } from '../shared/joi.ts';
import { instant, named } from '../shared/schemas.ts';

/** A third-party application's id: `app_` and random hex. */
export const applicationIdSchema = Joi.string()
  .pattern(/^app_[0-9a-f]{24}$/)
  .description('Application id (app_…), its OAuth client_id');

const applicationFields = {
  clientId: applicationIdSchema.required(),
  name: Joi.string().required().description('Shown to people on the consent page'),
  scopes: Joi.array().items(Joi.string()).required().description('The API scopes it may ask people for'),
  redirectUris: Joi.array().items(Joi.string()).required(),
  confidential: Joi.boolean()
    .required()
    .description(
      'true: it authenticates with a secret (client_secret_basic); false: a public client, PKCE alone',
    ),
  createdAt: instant.required(),
  revokedAt: instant.allow(null).required().description('When it was revoked; null while it signs people in'),
};

export const applicationView = named('Application', Joi.object(applicationFields));

export const newApplicationView = named(
  'NewApplication',
  Joi.object({
    ...applicationFields,
    clientSecret: Joi.string()
      .allow(null)
      .description(
        'A confidential application’s secret, in this answer only (stored as a hash; a retry with the same Idempotency-Key answers without it); null for a public one',
      ),
  }),
);

export function presentApplication(app: App) {
  return {
    clientId: app.clientId,
    name: app.name,
    scopes: app.scopes,
    redirectUris: app.redirectUris,
    confidential: app.tokenEndpointAuthMethod !== 'none',
    createdAt: app.createdAt.toISOString(),
    revokedAt: app.revokedAt?.toISOString() ?? null,
  };
}

export function presentNewApplication(app: NewApp) {
  return { ...presentApplication(app), clientSecret: app.clientSecret };
}
