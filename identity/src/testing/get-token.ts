import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as client from 'openid-client';

/** Client credentials through an independent relying party, openid-client 6, as an ERP would. */
export async function clientCredentialsToken(
  issuer: string,
  credentials: { clientId: string; clientSecret: string },
  parameters: Record<string, string> = {},
): Promise<string> {
  const config = await client.discovery(
    new URL(issuer),
    credentials.clientId,
    undefined,
    client.ClientSecretBasic(credentials.clientSecret),
    { execute: [client.allowInsecureRequests] },
  );
  const response = await client.clientCredentialsGrant(config, parameters);
  return response.access_token;
}

/** What core's verifier does: the server's JWKS, issuer, audience, at+jwt, ES256 only. */
export async function verifyAccessToken(issuer: string, audience: string, token: string) {
  const jwks = createRemoteJWKSet(new URL(`${issuer}/jwks`));
  return jwtVerify(token, jwks, { issuer, audience, typ: 'at+jwt', algorithms: ['ES256'] });
}

/**
 * The OAuth error code a failed openid-client call carries: in the body (`error`), or, for a 401,
 * in the WWW-Authenticate challenge it parsed.
 */
export async function oauthError(call: Promise<unknown>): Promise<string | undefined> {
  const error = await call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (failure: { error?: string; cause?: { parameters?: { error?: string } }[] }) => failure,
  );
  return error.error ?? error.cause?.[0]?.parameters?.error;
}
