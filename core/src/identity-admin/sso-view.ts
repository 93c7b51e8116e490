import { SSO_CALLBACK_PATH, type SsoDomain, type SsoProvider } from '@kredo/identity';
import { Joi } from '../shared/joi.ts';
import { instant, named } from '../shared/schemas.ts';

const roles = ['admin', 'credit_manager', 'collector', 'viewer'];

export const ssoDomainView = named(
  'SsoDomain',
  Joi.object({
    domain: Joi.string().required().description('An e-mail domain, lower-case'),
    txtRecord: Joi.string()
      .required()
      .description('The TXT record to publish at the domain or at `_kredo.<domain>`, then verify'),
    verifiedAt: instant
      .allow(null)
      .required()
      .description('When its TXT record was seen; null: the domain routes nobody yet'),
  }),
);

export const ssoView = named(
  'SsoProvider',
  Joi.object({
    issuer: Joi.string().required().description('The provider’s issuer URL (its discovery document’s)'),
    clientId: Joi.string().required(),
    redirectUri: Joi.string()
      .required()
      .description(
        'What to register at the provider as Kredo’s redirect URI (the identity server’s /sso/callback)',
      ),
    clientSecret: Joi.string()
      .valid('set')
      .allow(null)
      .required()
      .description('Only whether a secret is set: the secret itself is never returned'),
    domains: Joi.array().items(ssoDomainView).required(),
    defaultRole: Joi.string()
      .valid(...roles)
      .required(),
    enabled: Joi.boolean().required(),
    updatedAt: instant.required(),
  }),
);

export const ssoInput = Joi.object({
  issuer: Joi.string()
    .trim()
    .uri({ scheme: ['https', 'http'] })
    .max(500)
    .required(),
  clientId: Joi.string().trim().min(1).max(255).required(),
  clientSecret: Joi.string()
    .min(1)
    .max(1000)
    .allow(null)
    .description(
      'Sealed at rest and never returned. Left out: the stored one is kept; null: none (a public client)',
    ),
  domains: Joi.array()
    .items(Joi.string().trim().lowercase().domain({ tlds: false }))
    .max(50)
    .required()
    .description('The e-mail domains whose people the provider signs in, once each is verified'),
  defaultRole: Joi.string()
    .valid(...roles)
    .required()
    .description('The role of a person provisioned just in time'),
  enabled: Joi.boolean().required(),
}).label('SsoProviderInput');

export function presentDomain(domain: SsoDomain) {
  return {
    domain: domain.domain,
    txtRecord: domain.txtRecord,
    verifiedAt: domain.verifiedAt?.toISOString() ?? null,
  };
}

export function presentSso(provider: SsoProvider, identityUrl: string) {
  return {
    issuer: provider.issuer,
    clientId: provider.clientId,
    redirectUri: `${identityUrl}${SSO_CALLBACK_PATH}`,
    clientSecret: provider.clientSecretSet ? ('set' as const) : null,
    domains: provider.domains.map(presentDomain),
    defaultRole: provider.defaultRole,
    enabled: provider.enabled,
    updatedAt: provider.updatedAt.toISOString(),
  };
}
