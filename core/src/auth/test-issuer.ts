import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type CryptoKey,
  createLocalJWKSet,
  decodeJwt,
  exportJWK,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  SignJWT,
} from 'jose';
import { identityTokenVerifier } from './identity-token.ts';
import type { Principal, TokenVerifier } from './principal.ts';

// Core's tests, benches and test processes get their access tokens here: ES256 JWTs in the shape the
// identity server issues, checked by core's real verifier against these keys published as a JWKS.

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

/** The issuer of createTestIssuer's tokens unless a test names another; never a real server. */
export const TEST_ISSUER = 'https://identity.kredo.test';
/** Core's API as a resource when a test names no other: the default KREDO_API_RESOURCE. */
export const TEST_AUDIENCE = 'http://127.0.0.1:3000/api/v1';

/**
 * The identity server's signing in memory: one ES256 key, published as a JWKS that core's verifier
 * reads without HTTP (jose's createLocalJWKSet), and tokens signed as the identity server signs them.
 * What route tests and benches take tokens from; startTestIssuer serves keys over HTTP instead.
 */
export async function createTestIssuer(options: { issuer?: string; audience?: string } = {}) {
  const issuer = options.issuer ?? TEST_ISSUER;
  const audience = options.audience ?? TEST_AUDIENCE;
  const key = await newKey('ES256');
  const jwks = { keys: [key.publicJwk] };
  return {
    issuer,
    audience,
    jwks,
    sign: (claims: TestClaims = {}) => signAccessToken({ issuer, audience }, key, claims),
    accessToken: (principal: Principal) =>
      signAccessToken({ issuer, audience }, key, apiClientClaims(principal)),
    /** Core's identity verifier, as `kredo start` builds it, reading this issuer's keys from memory. */
    verifier: (): TokenVerifier => identityTokenVerifier({ issuer, audience, jwks: createLocalJWKSet(jwks) }),
  };
}

export type LocalTestIssuer = Awaited<ReturnType<typeof createTestIssuer>>;

/**
 * The claims of an API client's token (client credentials), which is what a test's principal is:
 * the scopes as granted, no roles to narrow them, `sub` and `client_id` the client. A principal
 * without a tenant (a partner's) gets no `tenant` claim, as the identity server gives none, and a
 * partner's its `publisher`.
 */
export function apiClientClaims(principal: Principal): TestClaims {
  return {
    sub: principal.subject,
    client_id: principal.subject,
    scope: principal.scopes.join(' '),
    // A token is for a tenant or for a publisher, never both (as the identity server issues them).
    ...(principal.publisherId
      ? { publisher: principal.publisherId }
      : principal.tenantId
        ? { tenant: principal.tenantId }
        : {}),
  };
}

/**
 * Two issuers' tokens, each to its own verifier by the token's (unverified) `iss`: a test's own
 * tokens beside a real identity server's. The verifier chosen still checks the issuer and signature.
 */
export function verifierByIssuer(
  verifiers: Record<string, TokenVerifier>,
  otherwise: TokenVerifier,
): TokenVerifier {
  return {
    verify(token) {
      let iss: unknown;
      try {
        iss = decodeJwt(token).iss;
      } catch {
        iss = undefined;
      }
      const chosen = typeof iss === 'string' && Object.hasOwn(verifiers, iss) ? verifiers[iss] : undefined;
      return (chosen ?? otherwise).verify(token);
    },
  };
}

/**
 * A stand-in for the identity server in tests and the bench: a loopback HTTP server publishing an
 * OpenID Connect discovery document and a JWKS of keys made here, counting the requests each path
 * gets, and signing access tokens the way the identity server does (JWT, `typ: at+jwt`). Keys can be
 * added (a rotation) without the verifier being told. A test that starts core (in-process or as a
 * child process) points KREDO_IDENTITY_ISSUER and KREDO_API_RESOURCE at it.
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
  const names = { issuer, audience: options.audience };

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
      return signAccessToken(names, key, claims);
    },
    /** An API client's access token for a principal (apiClientClaims). */
    accessToken(principal: Principal): Promise<string> {
      return signAccessToken(names, current, apiClientClaims(principal));
    },
    async stop(): Promise<void> {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

export type TestIssuer = Awaited<ReturnType<typeof startTestIssuer>>;

/** An RFC 9068 access token: `typ: at+jwt`, the key's kid, and the claims core requires, valid an hour. */
function signAccessToken(
  names: { issuer: string; audience: string },
  key: TestKey,
  claims: TestClaims,
): Promise<string> {
  const nowSeconds = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: names.issuer,
    aud: names.audience,
    sub: 'usr_test',
    client_id: 'kredo-console',
    jti: randomUUID(),
    iat: nowSeconds,
    exp: nowSeconds + 3600,
    ...claims,
  })
    .setProtectedHeader({ alg: key.alg, typ: 'at+jwt', kid: key.kid })
    .sign(key.privateKey);
}

let keyCount = 0;

/** A signing key pair; the public half as a JWK the way a JWKS lists it (kid, alg, use). */
export async function newKey(alg: TestKey['alg']): Promise<TestKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const kid = `test-key-${++keyCount}-${alg}`;
  return { kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}
