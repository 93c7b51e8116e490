import { createHmac, createPublicKey } from 'node:crypto';
import { type JWTPayload, SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { identityTokenVerifier, principalOf } from './identity-token.ts';
import { InvalidToken, SCOPES } from './principal.ts';
import { createTestIssuer, newKey, startTestIssuer, verifierByIssuer } from './test-issuer.ts';

const AUDIENCE = 'http://127.0.0.1:3000/api/v1';
const issuer = await startTestIssuer({ audience: AUDIENCE });
afterAll(() => issuer.stop());

/** A clock the test moves; starts at the real time, so tokens signed now are valid. */
function clock() {
  const state = { now: Date.now() };
  return { state, now: () => state.now };
}

function verifier(now = Date.now) {
  return identityTokenVerifier({ issuer: issuer.issuer, audience: AUDIENCE, now });
}

/** The refusal a verifier throws: always the same message, with a reason for the log. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(InvalidToken);
  expect((error as InvalidToken).message).toBe('invalid token');
  return (error as InvalidToken).reason;
}

function base64url(value: object | string): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

/** A token with a header and claims of the test's choosing, signed with HMAC over `secret`. */
function hmacToken(header: object, claims: object, secret: string | Buffer): string {
  const input = `${base64url(header)}.${base64url(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

function validClaims() {
  const nowSeconds = Math.floor(Date.now() / 1000);
  return {
    iss: issuer.issuer,
    aud: AUDIENCE,
    sub: 'usr_x',
    client_id: 'kredo-console',
    tenant: 'ten_a',
    scope: SCOPES.ledgerRead,
    iat: nowSeconds,
    exp: nowSeconds + 600,
  };
}

describe('identityTokenVerifier', () => {
  it('turns a valid access token into its principal, fetching the keys once through discovery', async () => {
    const before = { ...issuer.hits };
    const verify = verifier();
    const token = await issuer.sign({
      sub: 'usr_alice',
      tenant: 'ten_a',
      roles: ['collector'],
      scope: 'openid ledger:read ledger:write dunning:write',
    });
    const principal = await verify.verify(token);
    expect(principal).toEqual({
      subject: 'usr_alice',
      tenantId: 'ten_a',
      scopes: [SCOPES.ledgerRead, SCOPES.dunningWrite],
    });
    expect(await verify.verify(token)).toEqual(principal);
    expect(await verify.verify(await issuer.sign({ tenant: 'ten_a', scope: 'ledger:read' }))).toMatchObject({
      tenantId: 'ten_a',
    });
    expect(issuer.hits).toEqual({ discovery: before.discovery + 1, jwks: before.jwks + 1 });
  });

  it('takes EdDSA as well as ES256', async () => {
    const key = await issuer.publish('EdDSA');
    const principal = await verifier().verify(
      await issuer.sign({ tenant: 'ten_a', scope: 'ledger:read' }, key),
    );
    expect(principal.subject).toBe('usr_test');
  });

  it('refuses a forged signature, even for a token it has verified before in another form', async () => {
    const verify = verifier();
    const token = await issuer.sign({ tenant: 'ten_a', scope: 'ledger:read' });
    await verify.verify(token);
    const [header, payload] = token.split('.') as [string, string];
    const widened = base64url({
      ...JSON.parse(Buffer.from(payload, 'base64url').toString()),
      tenant: 'ten_b',
    });
    expect(await refusal(verify.verify(`${header}.${widened}.${token.split('.')[2]}`))).toBe(
      'signature does not verify',
    );
    // Signed by a key of the attacker's that claims the kid of a published one.
    const impostor = await newKey('ES256');
    const forged = await new SignJWT(validClaims())
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: issuer.currentKey.kid })
      .sign(impostor.privateKey);
    expect(await refusal(verify.verify(forged))).toBe('signature does not verify');
  });

  it('refuses a token for another audience, from another issuer, or of another type', async () => {
    const verify = verifier();
    expect(await refusal(verify.verify(await issuer.sign({ aud: 'https://other.example/api' })))).toMatch(
      /claim aud/,
    );
    expect(await refusal(verify.verify(await issuer.sign({ iss: 'https://evil.example' })))).toMatch(
      /claim iss/,
    );
    // An ID token (typ JWT) is not an access token, though the same key signed it.
    const idToken = await new SignJWT(validClaims())
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: issuer.currentKey.kid })
      .sign(issuer.currentKey.privateKey);
    expect(await refusal(verify.verify(idToken))).toMatch(/claim typ/);
  });

  it('refuses an expired token, and a cached one once it expires', async () => {
    const { state, now } = clock();
    const verify = verifier(now);
    const nowSeconds = Math.floor(state.now / 1000);
    const stale = await issuer.sign({ iat: nowSeconds - 120, exp: nowSeconds - 60 });
    expect(await refusal(verify.verify(stale))).toBe('expired');
    const token = await issuer.sign({ tenant: 'ten_a', scope: 'ledger:read', exp: nowSeconds + 60 });
    await verify.verify(token);
    // Past exp and the 5 s the clocks may differ by.
    state.now += 66_000;
    expect(await refusal(verify.verify(token))).toBe('expired');
  });

  it('refuses a token without a signature (`alg: none`)', async () => {
    const header = { alg: 'none', typ: 'at+jwt', kid: issuer.currentKey.kid };
    const token = `${base64url(header)}.${base64url(validClaims())}.`;
    expect(await refusal(verifier().verify(token))).toMatch(/algorithm not allowed|JWS/);
  });

  it('refuses HS256, signed with the public key (algorithm confusion) or with any secret', async () => {
    const jwk = issuer.currentKey.publicJwk;
    const pem = createPublicKey({ key: jwk as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' });
    const header = { alg: 'HS256', typ: 'at+jwt', kid: jwk.kid };
    const identity = verifier();
    const secrets = [String(pem), JSON.stringify(jwk), Buffer.from(jwk.x as string, 'base64url')];
    for (const secret of [...secrets, 'a-development-secret-of-32-chars!!']) {
      const token = hmacToken(header, validClaims(), secret);
      expect(await refusal(identity.verify(token))).toBe('algorithm not allowed');
    }
    // What the removed development tokens looked like: HS256, typ JWT, no kid.
    const plain = hmacToken(
      { alg: 'HS256', typ: 'JWT' },
      validClaims(),
      'a-development-secret-of-32-chars!!',
    );
    expect(await refusal(identity.verify(plain))).toBe('algorithm not allowed');
  });

  it('refuses RS256 even when the issuer publishes an RSA key that verifies it', async () => {
    const rsa = await issuer.publish('RS256');
    const token = await issuer.sign({ tenant: 'ten_a', scope: 'ledger:read' }, rsa);
    expect(await refusal(verifier().verify(token))).toBe('algorithm not allowed');
  });

  it('fetches the keys again for an unknown kid, once, and not again within the cooldown', async () => {
    const { state, now } = clock();
    const verify = verifier(now);
    await verify.verify(await issuer.sign());
    const fetched = issuer.hits.jwks;

    // A flood of tokens naming kids nobody published: one fetch, then the cooldown holds.
    const stranger = await newKey('ES256');
    const unknown = () => issuer.sign({}, { ...stranger, kid: `unknown-${Math.random()}` });
    state.now += 31_000;
    const flood = await Promise.all(
      Array.from({ length: 20 }, async () => refusal(verify.verify(await unknown()))),
    );
    expect(new Set(flood)).toEqual(new Set(['no published key matches the kid and algorithm']));
    expect(issuer.hits.jwks).toBe(fetched + 1);
    for (let i = 0; i < 20; i++) await refusal(verify.verify(await unknown()));
    expect(issuer.hits.jwks).toBe(fetched + 1);

    // The issuer rotates: its new key is fetched at the first token it signed, after the cooldown.
    const rotated = await issuer.rotate();
    const fresh = await issuer.sign({ tenant: 'ten_a', scope: 'ledger:read' }, rotated);
    expect(await refusal(verify.verify(fresh))).toBe('no published key matches the kid and algorithm');
    expect(issuer.hits.jwks).toBe(fetched + 1);
    state.now += 30_000;
    const signedWithNew = await Promise.all(
      Array.from({ length: 5 }, async (_, i) =>
        verify.verify(await issuer.sign({ sub: `usr_${i}`, tenant: 'ten_a' }, rotated)),
      ),
    );
    expect(signedWithNew.map((p) => p.subject)).toEqual(['usr_0', 'usr_1', 'usr_2', 'usr_3', 'usr_4']);
    expect(issuer.hits.jwks).toBe(fetched + 2);
    // Tokens of the older keys still verify: rotation publishes new keys beside the old.
    expect((await verify.verify(await issuer.sign({ sub: 'usr_old' }, issuer.currentKey))).subject).toBe(
      'usr_old',
    );
  });

  it('waits out the cooldown after the issuer could not be reached, then fetches', async () => {
    const { state, now } = clock();
    const down = identityTokenVerifier({ issuer: 'http://127.0.0.1:9', audience: AUDIENCE, now });
    expect(await refusal(down.verify(await issuer.sign()))).toMatch(/^signing keys unavailable/);
    expect(await refusal(down.verify(await issuer.sign()))).toMatch(/no signing keys .* yet/);

    // A discovery document naming another issuer is not trusted for this one.
    const liar = identityTokenVerifier({ issuer: `${issuer.issuer}/`, audience: AUDIENCE, now });
    expect(await refusal(liar.verify(await issuer.sign()))).toMatch(/names issuer/);
    const hits = issuer.hits.discovery;
    await refusal(liar.verify(await issuer.sign()));
    expect(issuer.hits.discovery).toBe(hits);
    state.now += 30_000;
    await refusal(liar.verify(await issuer.sign()));
    expect(issuer.hits.discovery).toBe(hits + 1);
  });
});

describe('principalOf', () => {
  const base = { sub: 'usr_x', client_id: 'kredo-console' };

  it('narrows a user’s granted scopes to its roles, ignoring roles it does not know', () => {
    expect(
      principalOf({
        ...base,
        tenant: 'ten_a',
        roles: ['viewer', 'wizard'],
        scope: 'ledger:read ledger:write',
      }),
    ).toEqual({ subject: 'usr_x', tenantId: 'ten_a', scopes: ['ledger:read'] });
  });

  it('gives an API client (no roles) the scopes it was granted', () => {
    expect(principalOf({ ...base, sub: 'erp', tenant: 'ten_a', scope: 'ledger:write import:write' })).toEqual(
      {
        subject: 'erp',
        tenantId: 'ten_a',
        scopes: ['ledger:write', 'import:write'],
      },
    );
  });

  it('takes a partner’s token without a tenant, the publisher from its `publisher` claim', () => {
    expect(
      principalOf({
        ...base,
        sub: 'usr_ada',
        publisher: 'com.acme',
        roles: ['partner'],
        scope: 'marketplace:publish',
      }),
    ).toEqual({
      subject: 'usr_ada',
      tenantId: '',
      scopes: ['marketplace:publish'],
      publisherId: 'com.acme',
    });
  });

  it('refuses a token whose scopes need a tenant it does not name, or whose claims have the wrong shape', () => {
    const reason = (payload: JWTPayload) => {
      try {
        principalOf(payload);
        return undefined;
      } catch (error) {
        return (error as InvalidToken).reason;
      }
    };
    expect(reason({ ...base, scope: 'ledger:read' })).toBe('no tenant, but scopes that need one');
    expect(reason({ ...base, roles: ['partner', 'admin'], scope: 'marketplace:publish ledger:read' })).toBe(
      'no tenant, but scopes that need one',
    );
    expect(reason({ ...base, tenant: 'ten_a', roles: 'admin' })).toBe('roles is not an array of strings');
    expect(reason({ ...base, tenant: 'ten_a', scope: ['ledger:read'] })).toBe('scope is not a string');
    expect(reason({ ...base, tenant: 42 })).toBe('tenant is not a string');
    expect(reason({ ...base, roles: ['partner'], publisher: ['com.acme'] })).toBe(
      'publisher is not a string',
    );
    expect(reason({ ...base, tenant: 'ten_a', publisher: 'com.acme', roles: ['partner'] })).toBe(
      'both a tenant and a publisher',
    );
    expect(reason({ client_id: 'c', tenant: 'ten_a' })).toBe('sub is not a string');
    expect(reason({ ...base, tenant: 'ten_a', administrations: 'adm_a' })).toBe(
      'administrations is not an array of ids',
    );
    expect(reason({ ...base, tenant: 'ten_a', administrations: ['adm_a', ''] })).toBe(
      'administrations is not an array of ids',
    );
  });

  it('keeps the administrations a member is limited to; none named is all of them', () => {
    const limited = principalOf({ ...base, tenant: 'ten_a', roles: ['viewer'], administrations: ['adm_a'] });
    expect(limited.administrations).toEqual(['adm_a']);
    expect(principalOf({ ...base, tenant: 'ten_a', administrations: [] }).administrations).toEqual([]);
    expect('administrations' in principalOf({ ...base, tenant: 'ten_a' })).toBe(false);
  });
});

describe('the test issuer tests sign with', () => {
  it('signs what core’s identity verifier takes from its in-memory JWKS, and nothing of another key', async () => {
    const local = await createTestIssuer();
    const principal = { subject: 'cli_erp', tenantId: 'ten_a', scopes: [SCOPES.ledgerRead] };
    const token = await local.accessToken(principal);
    expect(await local.verifier().verify(token)).toEqual(principal);
    // The same issuer name, another key: not this issuer's token.
    const impostor = await createTestIssuer();
    expect(await refusal(local.verifier().verify(await impostor.accessToken(principal)))).toBe(
      'no published key matches the kid and algorithm',
    );
  });

  it('sends each token to its issuer’s verifier, which still checks the signature', async () => {
    const local = await createTestIssuer({ issuer: 'https://local.test' });
    const both = verifierByIssuer({ [local.issuer]: local.verifier() }, verifier());
    const fromLocal = await local.accessToken({ subject: 'a', tenantId: 'ten_a', scopes: [] });
    const fromServer = await issuer.sign({ sub: 'b', tenant: 'ten_a' });
    expect((await both.verify(fromLocal)).subject).toBe('a');
    expect((await both.verify(fromServer)).subject).toBe('b');
    // A token claiming the local issuer but signed by another key is refused by the local verifier.
    const forged = await new SignJWT({ ...validClaims(), iss: local.issuer })
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: issuer.currentKey.kid })
      .sign(issuer.currentKey.privateKey);
    expect(await refusal(both.verify(forged))).toBe('no published key matches the kid and algorithm');
    expect(await refusal(both.verify('not-a-jwt'))).toMatch(/ERR_JWS_INVALID/);
  });
});
