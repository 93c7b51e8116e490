import {
  type FirstPartyClient,
  type IdentityServer,
  type SendAccountMail,
  startIdentityServer,
} from '@kredo/identity';
import type { Logger } from 'pino';
import { ALL_SCOPES } from '../auth/principal.ts';
import { ROLE_SCOPES } from '../auth/roles.ts';
import type { Config } from '../config/load-config.ts';
import type { Orm } from '../db/orm.ts';
import { identityMasterKey } from '../identity-admin/index.ts';
import { createMailer } from '../mail/mailer.ts';
import { tenantNames } from '../tenants/index.ts';

export { identityMasterKey };

/** Core's API as the identity server's resource server: the access tokens' audience (KREDO_API_RESOURCE). */
export function apiResource(config: Pick<Config, 'apiResource'>): string {
  return config.apiResource;
}

/** The staff console's client id at the identity server. */
export const CONSOLE_CLIENT_ID = 'kredo-console';

/**
 * The staff console as a first-party public client: PKCE, refresh tokens, no consent page (it gets
 * what it asks for within the person's roles), its redirect URIs from KREDO_CONSOLE_REDIRECT_URIS and
 * their origins as where sign-out may return.
 */
export function consoleClient(config: Pick<Config, 'consoleRedirectUris'>): FirstPartyClient {
  const origins = [...new Set(config.consoleRedirectUris.map((uri) => `${new URL(uri).origin}/`))];
  return {
    clientId: CONSOLE_CLIENT_ID,
    name: 'Kredo console',
    redirectUris: config.consoleRedirectUris,
    postLogoutRedirectUris: origins,
  };
}

/** The `kredo-plugin` CLI's client id at the identity server (sdk/src/cli/login.ts). */
export const PLUGIN_CLI_CLIENT_ID = 'kredo-plugin';

/**
 * The plugin CLI as a first-party native client (RFC 8252): `kredo-plugin login` signs a partner in
 * with PKCE and a redirect to a loopback port of its own, which oidc-provider matches whatever the port.
 * It asks for `marketplace:publish`, which only a partner's membership grants.
 */
export const pluginCliClient: FirstPartyClient = {
  clientId: PLUGIN_CLI_CLIENT_ID,
  name: 'kredo-plugin',
  redirectUris: ['http://127.0.0.1/callback'],
  postLogoutRedirectUris: [],
  native: true,
};

/**
 * The identity server `kredo start` runs beside the API, on the same database (its own schema,
 * migrated here): issuer KREDO_IDENTITY_PUBLIC_URL, port KREDO_IDENTITY_PORT. With core's `orm`, the
 * tenant choice at sign-in shows core's tenant names (identity keeps none of its own).
 */
export async function startKredoIdentity(
  config: Config,
  databaseUrl: string,
  logger: Logger,
  orm?: Orm,
): Promise<IdentityServer> {
  return startIdentityServer({
    databaseUrl,
    port: config.identityPort,
    host: config.host,
    issuer: config.identityPublicUrl,
    trustProxy: config.identityTrustProxy,
    // KREDO_IDENTITY_TRUST_PROXY alone keeps believing the nearest proxy's X-Forwarded-For entry.
    clientIpTrust: config.trustProxy !== false ? config.trustProxy : config.identityTrustProxy ? 1 : false,
    masterKey: await identityMasterKey(config),
    apiResource: apiResource(config),
    apiScopes: ALL_SCOPES,
    // Core's role table decides what a person's token may be granted (core re-checks it per request).
    roleScopes: ROLE_SCOPES,
    firstPartyClients: [consoleClient(config), pluginCliClient],
    // Password-reset mails go through core's SMTP mailer (KREDO_SMTP_URL), as dunning's do.
    sendMail: accountMailer(config),
    ...(orm && { tenantNames: (ids: readonly string[]) => tenantNames(orm, ids) }),
    // oidc-provider hands over the error alone: no request, so no credentials in the log.
    onError: (error) => logger.error({ err: error }, 'identity server error'),
  });
}

/** Identity's mail (password resets) through core's mailer; none when no SMTP server is configured. */
export function accountMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom'>): SendAccountMail | undefined {
  const mailer = createMailer(config);
  if (!mailer) return undefined;
  return async (mail) => {
    await mailer.send({ ...mail, fromName: 'Kredo' });
  };
}
