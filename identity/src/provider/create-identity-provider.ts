import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import type pg from 'pg';
import { relyingPartyOf } from '../accounts/passkeys.ts';
import type { FirstPartyClient } from '../adapter/client-adapter.ts';
import type { Clock } from '../adapter/payload-adapter.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { OnAudit } from '../audit-event.ts';
import { tokenThrottle } from '../clients/token-throttle.ts';
import { migrateIdentity } from '../db/migrate.ts';
import { openPool } from '../db/open-pool.ts';
import type { PoolSource } from '../db/queryable.ts';
import { dropRetiredKeys, ensureKeys, type KeyRing, loadKeys } from '../keys/key-store.ts';
import { checkMasterKey } from '../keys/seal.ts';
import { STYLESHEET_PATH } from '../pages/layout.ts';
import { PASSKEY_SCRIPT, PASSKEY_SCRIPT_PATH } from '../pages/passkey-script.ts';
import { providerCsp } from '../pages/respond.ts';
import { STYLESHEET } from '../pages/stylesheet.ts';
import type { ProxyTrust } from '../server/client-address.ts';
import { accountPagesHandler, type SendAccountMail } from '../sign-in/account-handler.ts';
import type { RoleScopes } from '../sign-in/first-party-grant.ts';
import { interactionHandler } from '../sign-in/interaction-handler.ts';
import type { TenantNames } from '../sign-in/sign-in-context.ts';
import { ssoCallbackHandler } from '../sso/sso-callback.ts';
import { SSO_CALLBACK_PATH } from '../sso/sso-cookie.ts';
import { compareHashedClientSecrets } from './hashed-client-secrets.ts';
import { INTERACTION_PATH, providerConfiguration } from './provider-configuration.ts';
import type { FindAccountClaims } from './token-claims.ts';
import { DEFAULT_KEY_REFRESH_SECONDS, DEFAULT_TTL, type IdentityTtl } from './ttl.ts';

export interface IdentityOptions extends PoolSource {
  /** The public URL people and clients reach the server at: the tokens' `iss`. */
  issuer: string;
  /** 32 bytes that seal the signing and cookie keys at rest (core derives it from KREDO_SECRETS_KEY). */
  masterKey: Buffer;
  /** Core's API as a resource server, an absolute URL (core's public URL + '/api/v1'): the tokens' `aud`. */
  apiResource: string;
  /** Every scope the API knows. */
  apiScopes: string[];
  ttl?: Partial<IdentityTtl>;
  /** Trust X-Forwarded-Proto and -Host: only behind a reverse proxy that sets them. */
  trustProxy?: boolean;
  /**
   * Whose X-Forwarded-For is believed for the client's IP (sign-in throttling, audit, the token
   * endpoint's limits): core's KREDO_TRUST_PROXY. Default: the nearest proxy's when `trustProxy` is
   * on, else nobody's.
   */
  clientIpTrust?: ProxyTrust;
  /** How often to look for keys rotated by another process, in seconds; 0: never (tests call reloadKeys). */
  keyRefreshSeconds?: number;
  /** The tenant and roles of a user's token; by default the membership chosen at sign-in (grant-membership.ts). */
  findAccountClaims?: FindAccountClaims;
  /** The API scopes each role may be granted (core's role table); a role not listed gets none. */
  roleScopes?: RoleScopes;
  /** Kredo's own public clients (the staff console, `kredo-console`): PKCE, no consent page. */
  firstPartyClients?: FirstPartyClient[];
  /**
   * Where sign-in events go (audit-event.ts); default: the audit log (recordAudit) on the provider's
   * pool. Awaited, so a failing recorder fails the request rather than letting a sign-in go unrecorded.
   */
  onAudit?: OnAudit;
  /**
   * Sends the password-reset mail (core passes its SMTP mailer, KREDO_SMTP_URL): identity has no
   * mailer of its own. Without one, the reset form answers as always and no mail goes out.
   */
  sendMail?: SendAccountMail;
  /**
   * The tenants' names, for the tenant choice at sign-in: identity keeps no tenant table, so its
   * caller (core, which owns tenants) says. An id it does not name is shown as the id.
   */
  tenantNames?: TenantNames;
  /** Server errors inside oidc-provider (never with secrets: it passes the error only). */
  onError?: (error: Error) => void;
  now?: Clock;
}

export interface IdentityProvider {
  /** The oidc-provider instance in force; replaced when the keys change. */
  provider(): Provider;
  /**
   * The HTTP handler: the sign-in pages and their stylesheet, and oidc-provider for the rest.
   * Settles when the request's work is done (never rejects), so a server can wait for it on close.
   */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Picks up keys rotated since (and drops retired ones past their grace); true when they changed. */
  reloadKeys(): Promise<boolean>;
  pool: pg.Pool;
  ttl: IdentityTtl;
  close(): Promise<void>;
}

/**
 * Kredo's OpenID provider, step by step: check the options, open the pool, migrate identity's
 * schema, make the first keys if there are none, load the key ring, build oidc-provider on it, and
 * keep looking for rotated keys (a rotation in another process reaches this one within
 * keyRefreshSeconds; the key grace allows for it).
 */
export async function createIdentityProvider(options: IdentityOptions): Promise<IdentityProvider> {
  const issuer = checkUrl(options.issuer, 'issuer');
  const apiResource = checkUrl(options.apiResource, 'apiResource');
  checkMasterKey(options.masterKey);
  const now = options.now ?? (() => new Date());
  const ttl = { ...DEFAULT_TTL, ...options.ttl };
  const clientIpTrust = options.clientIpTrust ?? (options.trustProxy === true ? 1 : false);
  // Loaded here, not on import: what core calls besides (migrations, clients, keys) needs no provider.
  const { default: OidcProvider, errors } = await import('oidc-provider');
  const opened = openPool(options, undefined, options.onError);
  const { pool } = opened;
  // Sign-in and client-authentication events go to the audit log on the provider's own pool unless
  // the caller records them.
  const onAudit: OnAudit = options.onAudit ?? ((event) => recordAudit(pool, event));
  try {
    await migrateIdentity(pool);
    await ensureKeys(pool, { masterKey: options.masterKey, now });
    const build = (keys: KeyRing) => {
      const provider = new OidcProvider(issuer, {
        ...providerConfiguration({
          errors,
          db: pool,
          keys,
          apiResource,
          apiScopes: options.apiScopes,
          ttl,
          now,
          secureCookies: issuer.startsWith('https:'),
          findAccountClaims: options.findAccountClaims,
          firstPartyClients: options.firstPartyClients ?? [],
        }),
      });
      provider.proxy = options.trustProxy === true;
      provider.use(providerCsp());
      provider.use(tokenThrottle({ db: pool, now, onAudit, clientIpTrust }));
      compareHashedClientSecrets(provider);
      provider.on('server_error', (_ctx: unknown, error: Error) => options.onError?.(error));
      return { provider, keys, callback: provider.callback() };
    };
    let current = build(await loadKeys(pool, { masterKey: options.masterKey, now }));

    const reloadKeys = async () => {
      await dropRetiredKeys(pool, now());
      const keys = await loadKeys(pool, { masterKey: options.masterKey, now });
      if (keys.fingerprint === current.keys.fingerprint) return false;
      current = build(keys);
      return true;
    };
    const refreshSeconds = options.keyRefreshSeconds ?? DEFAULT_KEY_REFRESH_SECONDS;
    const timer =
      refreshSeconds > 0
        ? setInterval(() => {
            reloadKeys().catch((error: Error) => options.onError?.(error));
          }, refreshSeconds * 1000)
        : undefined;
    timer?.unref();

    const signInOptions = {
      db: pool,
      issuer,
      provider: () => current.provider,
      masterKey: options.masterKey,
      relyingParty: relyingPartyOf(issuer),
      now,
      apiResource,
      apiScopes: options.apiScopes,
      roleScopes: options.roleScopes ?? {},
      grantTtlSeconds: ttl.grant,
      clientIpTrust,
      onAudit,
      tenantNames: namesOrIds(options),
      sendMail: options.sendMail,
      onError: options.onError,
    };
    const signIn = interactionHandler(signInOptions);
    const ssoCallback = ssoCallbackHandler(signInOptions);
    const accountPages = accountPagesHandler({
      db: pool,
      issuer,
      clientIpTrust,
      onAudit,
      sendMail: options.sendMail,
      onError: options.onError,
      provider: () => current.provider,
    });

    // Kredo's own pages (an error in one is a plain 500, told to onError); the rest is oidc-provider's.
    const pageHandlerFor = (url: string) => {
      if (url.startsWith(INTERACTION_PATH)) return signIn;
      if (url.startsWith(`${SSO_CALLBACK_PATH}?`)) return ssoCallback;
      if (url.startsWith('/account/')) return accountPages;
      return undefined;
    };

    return {
      provider: () => current.provider,
      async handle(req, res) {
        if (req.url === STYLESHEET_PATH) return sendAsset(res, 'text/css', STYLESHEET);
        if (req.url === PASSKEY_SCRIPT_PATH) return sendAsset(res, 'text/javascript', PASSKEY_SCRIPT);
        const page = pageHandlerFor(req.url ?? '');
        if (page)
          return page(req, res).catch((error: Error) => {
            options.onError?.(error);
            if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
            res.end('Something went wrong.\n');
          });
        // Koa answers its own errors: what it returns settles when the request is done.
        await Promise.resolve(current.callback(req, res)).catch((error: Error) => options.onError?.(error));
      },
      reloadKeys,
      pool,
      ttl,
      async close() {
        clearInterval(timer);
        await opened.close();
      },
    };
  } catch (error) {
    await opened.close().catch(() => {});
    throw error;
  }
}

/** The caller's tenantNames, failing soft: names it cannot give (its error logged) show as ids. */
function namesOrIds(options: IdentityOptions): TenantNames | undefined {
  const { tenantNames, onError } = options;
  if (!tenantNames) return undefined;
  return (ids) =>
    tenantNames(ids).catch((error: Error) => {
      onError?.(error);
      return new Map<string, string>();
    });
}

function checkUrl(value: string, name: string): string {
  const url = URL.parse(value);
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
    throw new Error(`identity: ${name} must be an absolute http(s) URL, got "${value}"`);
  return value.replace(/\/+$/, '');
}

function sendAsset(res: ServerResponse, type: string, body: string): void {
  res.writeHead(200, {
    'content-type': `${type}; charset=utf-8`,
    'cache-control': 'public, max-age=3600',
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}
