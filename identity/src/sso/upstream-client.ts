import * as client from 'openid-client';
import { SsoInputError } from './sso-input-error.ts';

/** How long a call to an upstream provider may take, in seconds: a person is waiting. */
const UPSTREAM_TIMEOUT_SECONDS = 10;

/** The upstream's credentials as Kredo's client at its provider. */
export interface UpstreamCredentials {
  issuer: string;
  clientId: string;
  /** null: a public client (PKCE only), when the upstream allows one. */
  clientSecret: string | null;
}

/** localhost, ::1 and all of 127.0.0.0/8 (a test may give each server an address of its own). */
const isLoopback = (hostname: string) =>
  hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);

/**
 * The issuer as kept (no trailing slash): https, or http on a loopback address only (reachable from
 * this machine alone: development and tests).
 */
export function checkIssuerUrl(raw: string): string {
  const url = URL.parse(raw.trim());
  if (!url || url.search || url.hash) throw new SsoInputError('issuer', 'must be an absolute https URL');
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname)))
    throw new SsoInputError('issuer', 'must be an https URL (http only on a loopback address)');
  return url.href.replace(/\/+$/, '');
}

/**
 * openid-client's configuration for the upstream, from its discovery document (whose issuer must
 * be the one configured). The secret goes by client_secret_basic unless the provider supports only
 * client_secret_post. An issuer that cannot be discovered is a SsoInputError on `issuer`.
 */
export async function discoverUpstream(upstream: UpstreamCredentials): Promise<client.Configuration> {
  const insecure = upstream.issuer.startsWith('http:');
  let discovered: client.Configuration;
  try {
    discovered = await client.discovery(
      new URL(upstream.issuer),
      upstream.clientId,
      undefined,
      client.None(),
      {
        timeout: UPSTREAM_TIMEOUT_SECONDS,
        ...(insecure && { execute: [client.allowInsecureRequests] }),
      },
    );
  } catch (error) {
    throw new SsoInputError('issuer', `its discovery document could not be used: ${describe(error)}`);
  }
  const server = discovered.serverMetadata();
  if (!server.authorization_endpoint || !server.token_endpoint)
    throw new SsoInputError('issuer', 'its discovery document names no authorization or token endpoint');
  const config = new client.Configuration(server, upstream.clientId, undefined, clientAuth(upstream, server));
  config.timeout = UPSTREAM_TIMEOUT_SECONDS;
  if (insecure) client.allowInsecureRequests(config);
  return config;
}

function clientAuth(upstream: UpstreamCredentials, server: client.ServerMetadata): client.ClientAuth {
  if (upstream.clientSecret === null) return client.None();
  const methods = server.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
  return !methods.includes('client_secret_basic') && methods.includes('client_secret_post')
    ? client.ClientSecretPost(upstream.clientSecret)
    : client.ClientSecretBasic(upstream.clientSecret);
}

/** A failure's message for an admin, without a stack (openid-client's messages name no secret). */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${message}${cause}`.slice(0, 300);
}
