import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';

export interface TestKey {
  kid: string;
  /** RS256 only to show that a published key of another algorithm does not let such tokens in. */
  alg: 'ES256' | 'EdDSA' | 'RS256';
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/** Claims of a test access token; anything given overrides what `sign` fills in. */
export interface TestClaims extends JWTPayload {
  scope?: string;
  tenant?: string;
  roles?: unknown;
  client_id?: string;
}

/**
 * A stand-in for the identity server in tests and the bench: a loopback HTTP server publishing an
 * OpenID Connect discovery document and a JWKS of keys made here, counting the requests each path
 * gets, and signing access tokens the way the identity server does (JWT, `typ: at+jwt`). Keys can be
 * added (a rotation) without the verifier being told.
 */
export async function startTestIssuer(options: { audience: string }) {
  const keys: TestKey[] = [await newKey('ES256')];
  let current = keys[0] as TestKey;
  const hits = { discovery: 0, jwks: 0 };
  const server = createServer((request, response) => {
    const send = (body: unknown) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.url === '/.well-known/openid-configuration') {
      hits.discovery++;
      send({ issuer, jwks_uri: `${issuer}/jwks`, token_endpoint: `${issuer}/token` });
    } else if (request.url === '/jwks') {
      hits.jwks++;
      send({ keys: keys.map((key) => key.publicJwk) });
    } else {
      response.writeHead(404).end();
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    issuer,
    audience: options.audience,
    hits,
    /** The key tokens are signed with unless `sign` is given another. */
    get currentKey(): TestKey {
      return current;
    },
    /** Publishes a new key beside the others, without signing with it. */
    async publish(alg: TestKey['alg'] = 'ES256'): Promise<TestKey> {
      const key = await newKey(alg);
      keys.push(key);
      return key;
    },
    /** Publishes a new key and signs with it from now on; the old ones stay published. */
    async rotate(alg: 'ES256' | 'EdDSA' = 'ES256'): Promise<TestKey> {
      current = await this.publish(alg);
      return current;
    },
    /** An access token as the identity server issues one: valid for an hour unless `claims` say otherwise. */
    sign(claims: TestClaims = {}, key: TestKey = current): Promise<string> {
      const nowSeconds = Math.floor(Date.now() / 1000);
      return new SignJWT({
        iss: issuer,
        aud: options.audience,
        sub: 'usr_test',
        client_id: 'kredo-console',
        iat: nowSeconds,
        exp: nowSeconds + 3600,
        ...claims,
      })
        .setProtectedHeader({ alg: key.alg, typ: 'at+jwt', kid: key.kid })
        .sign(key.privateKey);
    },
    async stop(): Promise<void> {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

export type TestIssuer = Awaited<ReturnType<typeof startTestIssuer>>;

let keyCount = 0;

/** A signing key pair; the public half as a JWK the way a JWKS lists it (kid, alg, use). */
export async function newKey(alg: TestKey['alg']): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const kid = `test-key-${++keyCount}-${alg}`;
  return { kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}
