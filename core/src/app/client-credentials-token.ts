import * as oidc from 'openid-client';

export interface ClientCredentials {
  /** The identity server's issuer URL; its discovery document names the token endpoint. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The scopes to ask for (the identity server grants those of them the client was given). */
  scopes: string[];
}

/**
 * An access token for an API client from the identity server, by client credentials (OAuth 2.0
 * §4.4), as an ERP integration gets one: what `kredo token` prints and the demo sets itself up with.
 * openid-client does discovery and the token request; plain HTTP is allowed only for a loopback
 * issuer (a local `kredo start`), never to send a secret across a network in the clear.
 */
export async function clientCredentialsToken(credentials: ClientCredentials): Promise<string> {
  const issuer = new URL(credentials.issuer);
  const config = await oidc.discovery(
    issuer,
    credentials.clientId,
    undefined,
    oidc.ClientSecretBasic(credentials.clientSecret),
    isLoopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : undefined,
  );
  const tokens = await oidc.clientCredentialsGrant(config, { scope: credentials.scopes.join(' ') });
  return tokens.access_token;
}

function isLoopback(url: URL): boolean {
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}
