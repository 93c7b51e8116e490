import type { ServerRoute } from '@hapi/hapi';
import {
  configureSso,
  findSsoProvider,
  type Queryable,
  SsoInputError,
  type SsoProviderInput,
  verifySsoDomain,
} from '@kredo/identity';
import { SCOPES } from '../auth/principal.ts';
import { failures } from '../http/answer-schemas.ts';
import { input, principal } from '../http/request-context.ts';
import { conflict, invalid, notFound } from '../shared/errors.ts';
import { Joi } from '../shared/joi.ts';
import { actorOf } from './api-client-routes.ts';
import { presentDomain, presentSso, ssoDomainView, ssoInput, ssoView } from './sso-view.ts';

const tags = ['api', 'identity'];
const access = { scope: [SCOPES.identityManage] };

export interface SsoRouteDeps {
  identityDb: Queryable;
  /** Seals the client secret as the identity server opens it (app/identity.ts identityMasterKey). */
  masterKey: () => Promise<Buffer>;
  /** The identity server's public URL (KREDO_IDENTITY_PUBLIC_URL): the redirect URI shown is under it. */
  identityUrl: string;
  /** KREDO_DNS_SERVERS: the DNS servers that verify domains; empty: the system's. */
  dnsServers: readonly string[];
}

/** The tenant's upstream SSO: its own OpenID provider, its e-mail domains and their verification. */
export function ssoRoutes(deps: SsoRouteDeps): ServerRoute[] {
  const { identityDb } = deps;
  return [
    {
      method: 'GET',
      path: '/api/v1/identity/sso',
      options: {
        tags,
        id: 'getIdentitySso',
        description:
          'The tenant’s upstream OpenID provider and its e-mail domains (the client secret only as "set")',
        auth: { access },
        response: {
          status: {
            200: ssoView,
            ...failures({ 404: 'No provider is configured (`sso_provider_not_found`)' }),
          },
        },
      },
      handler: async (request) => {
        const { tenantId } = principal(request);
        const provider = await findSsoProvider(identityDb, tenantId);
        if (!provider) throw notFound('SSO provider', tenantId);
        return presentSso(provider, deps.identityUrl);
      },
    },
    {
      method: 'PUT',
      path: '/api/v1/identity/sso',
      options: {
        tags,
        id: 'putIdentitySso',
        description:
          'Set the tenant’s upstream OpenID provider: issuer, client, e-mail domains, default role, on/off',
        notes:
          'The issuer’s discovery document is fetched with the client’s credentials before anything is stored: one that cannot be fetched or names another issuer is 400 naming `issuer`. A new domain gets a TXT record to publish and routes nobody until verified; a domain kept keeps its verification. A domain another tenant claims is 409 `domain_claimed`. Audited `sso.configured`.',
        auth: { access },
        response: {
          status: {
            200: ssoView,
            ...failures({ 409: 'Another tenant claims one of the domains (`domain_claimed`)' }),
          },
        },
        validate: { payload: ssoInput },
      },
      handler: async (request) => {
        const body = input<SsoProviderInput>(request.payload);
        const provider = await ssoCall(async () =>
          configureSso(
            identityDb,
            await deps.masterKey(),
            principal(request).tenantId,
            body,
            actorOf(request),
          ),
        );
        return presentSso(provider, deps.identityUrl);
      },
    },
    {
      method: 'POST',
      path: '/api/v1/identity/sso/domains/{domain}/verify',
      options: {
        tags,
        id: 'verifyIdentitySsoDomain',
        description:
          'Verify one of the tenant’s SSO domains by its DNS TXT record; from then on it routes its people',
        notes:
          'Looks up the TXT record `kredo-domain-verification=<token>` at the domain and at `_kredo.<domain>` (KREDO_DNS_SERVERS). Not found: 400 naming `domain` and the record expected. Doing it again answers the same. Audited `sso.domain_verified`.',
        auth: { access },
        response: {
          status: {
            200: ssoDomainView,
            ...failures({ 404: 'The tenant’s SSO settings list no such domain (`sso_domain_not_found`)' }),
          },
        },
        validate: { params: Joi.object({ domain: Joi.string().max(253).required() }) },
      },
      handler: async (request) => {
        const { domain } = input<{ domain: string }>(request.params);
        const verified = await ssoCall(() =>
          verifySsoDomain(
            identityDb,
            principal(request).tenantId,
            domain,
            { servers: deps.dnsServers },
            actorOf(request),
          ),
        );
        if (!verified) throw notFound('SSO domain', domain);
        return presentDomain(verified);
      },
    },
  ];
}

/** Identity's SSO input errors as core's answers: a domain of another tenant 409, the rest 400 naming the field. */
async function ssoCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof SsoInputError)) throw error;
    if (error.taken)
      throw conflict('domain_claimed', `${error.field}: ${error.problem}`, { field: error.field });
    throw invalid(error.field, error.problem);
  }
}
