import type { Adapter, Configuration, errors, KoaContextWithOIDC } from 'oidc-provider';
import { findAccountById } from '../accounts/accounts.ts';
import {
  CLIENT_FIRST_PARTY,
  CLIENT_PUBLISHER,
  CLIENT_SCOPES,
  CLIENT_THIRD_PARTY,
  ClientAdapter,
  type FirstPartyClient,
} from '../adapter/client-adapter.ts';
import { type Clock, PayloadAdapter } from '../adapter/payload-adapter.ts';
import type { Queryable } from '../db/queryable.ts';
import { type KeyRing, SIGNING_ALG } from '../keys/key-store.ts';
import { pickLanguage } from '../pages/language.ts';
import { errorPage, loggedOutPage, logoutPage } from '../pages/provider-pages.ts';
import { originOf, pageHeaders } from '../pages/respond.ts';
import { membershipClaims } from '../sign-in/grant-membership.ts';
import { extraTokenClaims, type FindAccountClaims } from './token-claims.ts';
import type { IdentityTtl } from './ttl.ts';

export interface ConfigurationInput {
  db: Queryable;
  keys: KeyRing;
  /** Core's API as a resource server: an absolute URL, the access tokens' audience. */
  apiResource: string;
  /** Every scope the API knows; a client gets those of its own it asks for. */
  apiScopes: string[];
  ttl: IdentityTtl;
  now: Clock;
  secureCookies: boolean;
  findAccountClaims?: FindAccountClaims | undefined;
  /** Kredo's own public clients (the staff console). */
  firstPartyClients: readonly FirstPartyClient[];
  /** oidc-provider's errors, from the module the caller loaded. */
  errors: typeof errors;
}

/** Where oidc-provider sends a browser to sign in: the sign-in pages (sign-in/interaction-handler.ts). */
export const INTERACTION_PATH = '/interaction/';

/**
 * oidc-provider's configuration for Kredo, every choice in one place:
 * - state in PostgreSQL (payload-adapter.ts, client-adapter.ts), keys from the sealed key ring;
 * - one resource server, core's API: JWT access tokens (typ at+jwt, ES256, aud = apiResource) with
 *   the `tenant` (and for users `roles`) claims of token-claims.ts;
 * - client credentials for API clients, whose secrets are kept hashed (client_secret_basic only);
 * - people sign in through Kredo's pages (no devInteractions): accounts from identity.account, the
 *   first-party console with PKCE and rotating refresh tokens;
 * - revocation, RP-initiated logout (Kredo's pages, under the pages' CSP), introspection for
 *   confidential clients only.
 */
export function providerConfiguration(input: ConfigurationInput): Configuration {
  const { db, keys, apiResource, apiScopes, ttl, now, errors } = input;
  const cookie = { httpOnly: true, sameSite: 'lax' as const, secure: input.secureCookies };
  return {
    adapter: (model: string): Adapter =>
      model === 'Client'
        ? new ClientAdapter(db, input.firstPartyClients)
        : new PayloadAdapter(model, db, now),
    jwks: keys.jwks as Configuration['jwks'],
    cookies: { keys: keys.cookieKeys, long: cookie, short: cookie },
    // Secrets are stored hashed, which rules out client_secret_jwt (and HS* algorithms); "none" is
    // for the public clients to come (the staff console and the portal, with PKCE).
    clientAuthMethods: ['client_secret_basic', 'none'],
    clientDefaults: {
      grant_types: ['authorization_code'],
      response_types: ['code'],
      id_token_signed_response_alg: SIGNING_ALG,
      token_endpoint_auth_method: 'client_secret_basic',
    },
    enabledJWA: {
      idTokenSigningAlgValues: [SIGNING_ALG],
      userinfoSigningAlgValues: [SIGNING_ALG],
      introspectionSigningAlgValues: [SIGNING_ALG],
      authorizationSigningAlgValues: [SIGNING_ALG],
    },
    extraClientMetadata: {
      properties: ['kredo_tenant', CLIENT_SCOPES, CLIENT_FIRST_PARTY, CLIENT_THIRD_PARTY, CLIENT_PUBLISHER],
    },
    scopes: ['openid', 'offline_access', 'email', 'profile'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'locale'] },
    // The authorization code flow with PKCE only: no implicit or hybrid responses.
    responseTypes: ['code'],
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          const origin = originOf(ctx.oidc.params?.post_logout_redirect_uri);
          ctx.set(pageHeaders(origin));
          ctx.body = logoutPage(pickLanguage(null, null, ctx.get('accept-language')), form).value;
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.set(pageHeaders());
          ctx.body = loggedOutPage(pickLanguage(null, null, ctx.get('accept-language'))).value;
        },
      },
      introspection: {
        enabled: true,
        allowedPolicy: async (_ctx: KoaContextWithOIDC, client) => client.clientAuthMethod !== 'none',
      },
      resourceIndicators: {
        enabled: true,
        // The API is the only resource: a client that names none gets a token for it.
        defaultResource: async (_ctx: KoaContextWithOIDC, _client, oneOf?: readonly string[]) =>
          oneOf ? (oneOf.includes(apiResource) ? apiResource : oneOf) : apiResource,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx: KoaContextWithOIDC, indicator: string, client) => {
          if (indicator !== apiResource) throw new errors.InvalidTarget();
          // An API client may be given its own scopes among those the API knows; a person any API
          // scope, narrowed by the grant to what their roles allow (sign-in/first-party-grant.ts).
          const own = client[CLIENT_SCOPES];
          const allowed =
            typeof own === 'string' ? own.split(' ').filter((scope) => apiScopes.includes(scope)) : apiScopes;
          return {
            scope: allowed.join(' '),
            audience: apiResource,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: SIGNING_ALG } },
          };
        },
      },
    },
    extraTokenClaims: extraTokenClaims(input.findAccountClaims ?? membershipClaims(db), errors),
    // A disabled account is not found: its session ends and its refresh tokens stop working.
    findAccount: async (_ctx, id) => {
      const account = await findAccountById(db, id);
      if (!account || account.disabled) return undefined;
      return {
        accountId: account.id,
        claims: async () => ({
          sub: account.id,
          email: account.email,
          // Proved by a mailed link (or vouched for by an operator): sign-in/email-verification.ts.
          email_verified: account.emailVerified,
          name: account.name,
          locale: account.language,
        }),
      };
    },
    // Public clients (the console) get a new refresh token at each use; the old one is refused after.
    rotateRefreshToken: () => true,
    renderError: async (ctx, out) => {
      ctx.type = 'html';
      ctx.set(pageHeaders());
      ctx.body = errorPage(pickLanguage(null, null, ctx.get('accept-language')), out).value;
    },
    interactions: { url: async (_ctx, interaction) => `${INTERACTION_PATH}${interaction.uid}` },
    pkce: { required: () => true },
    ttl: {
      AccessToken: ttl.accessToken,
      ClientCredentials: ttl.clientCredentials,
      IdToken: ttl.idToken,
      AuthorizationCode: ttl.authorizationCode,
      RefreshToken: ttl.refreshToken,
      Session: ttl.session,
      Interaction: ttl.interaction,
      Grant: ttl.grant,
    },
  };
}
