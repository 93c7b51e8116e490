import { randomBytes } from 'node:crypto';
import type { OutgoingHttpHeaders } from 'node:http';
import type { ServerRoute } from '@hapi/hapi';
import pg from 'pg';
import pino, { type Logger } from 'pino';
import { afterAll } from 'vitest';
import { ALL_SCOPES, type TokenVerifier } from '../auth/principal.ts';
import { createTestIssuer, verifierByIssuer } from '../auth/test-issuer.ts';
import { type Config, loadConfig } from '../config/load-config.ts';
import type { Orm } from '../db/orm.ts';
import { createTestDatabase } from '../db/test-database.ts';
import { noSubscribers } from '../events/index.ts';
import { createServer } from '../http/server.ts';
import { createTenant } from '../tenants/tenant-service.ts';
import { routesGiven } from './compose-modules.ts';
import { modules } from './modules.ts';
import { withPortalSessions } from './portal-verifier.ts';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are untyped JSON that assertions inspect
export type Json = Record<string, any>;
export type Caller = (
  method: string,
  url: string,
  payload?: object | string | Buffer,
  headers?: Record<string, string>,
) => Promise<{ status: number; body: Json; headers?: OutgoingHttpHeaders }>;

/**
 * The whole API on a database of this test file's own, driven through server.inject with access
 * tokens of a test issuer (auth/test-issuer.ts), checked by core's identity verifier: the front door,
 * as a client sees it. It serves every module that needs no plugin runtime
 * (app/modules.ts); a test of a module that does adds its routes with a runtime of its own (`routes`).
 */
export async function createTestApi(
  options: {
    /** Routes of modules that need the plugin runtime, built with the test's own runtime. */
    routes?: (deps: { orm: Orm; secretsKey: Buffer }) => ServerRoute[];
    /** Listen on a loopback port, for callers that are not `server.inject` (a provider fake's webhook). */
    listen?: boolean;
    /** Where the server logs; silent by default. */
    logger?: Logger;
    /** KREDO_IMPORT_MAX_BYTES for the import route; 50 MiB by default. */
    importMaxBytes?: number;
    /**
     * A verifier of a real identity server's tokens, taken beside the test issuer's that `caller`
     * signs (the token's `iss` picks): the identity server's side of a test.
     */
    identity?: TokenVerifier;
    /** Settings over the defaults (KREDO_SMTP_URL for a test's own SMTP server, the identity server's URL). */
    config?: Partial<Config>;
  } = {},
) {
  const db = await createTestDatabase();
  /** The key installation secrets are sealed with, for tests that run plugins. */
  const secretsKey = randomBytes(32);
  const logger = options.logger ?? pino({ level: 'silent' });
  const config = loadConfig(
    {},
    { importMaxBytes: options.importMaxBytes ?? 50 * 1024 * 1024, ...options.config },
  );
  // Identity's schema is in the template (db/test-global-setup.ts): its admin routes work here too.
  const identityDb = new pg.Pool({ connectionString: db.url, max: 2 });
  identityDb.on('error', () => {}); // the test database's drop ends what is still open
  const issuer = await createTestIssuer({ audience: config.apiResource });
  const server = await createServer({
    orm: db.orm,
    logger,
    trustProxy: config.trustProxy,
    verifier: withPortalSessions(
      options.identity
        ? verifierByIssuer({ [issuer.issuer]: issuer.verifier() }, options.identity)
        : issuer.verifier(),
      db.orm,
      secretsKey,
    ),
    // Every answer checked against the route's declared schemas and statuses: each test is a contract test.
    checkAnswers: true,
    // Most files never fetch it; api-contract.test.ts checks the document of the whole composition.
    openApiOnRequest: true,
    routes: [
      ...routesGiven(modules, {
        orm: db.orm,
        config,
        logger,
        secretsKey,
        deliverer: noSubscribers,
        identityDb,
        // The server's own address once it runs (the portal's sign-in links and cookies).
        publicUrl: () => server.info.uri,
      }),
      ...(options.routes?.({ orm: db.orm, secretsKey }) ?? []),
    ],
  });
  if (options.listen) await server.start();
  else await server.initialize();
  afterAll(async () => {
    await server.stop();
    await identityDb.end();
  });

  /** An access token of the test issuer for an API client of `tenantId` holding `scopes`. */
  function tokenFor(
    tenantId: string,
    scopes: string[] = ALL_SCOPES,
    subject = 'usr_test',
    claims: { publisher?: string } = {},
  ): Promise<string> {
    const publisher = claims.publisher === undefined ? {} : { publisherId: claims.publisher };
    return issuer.accessToken({ subject, tenantId, scopes, ...publisher });
  }

  /** `claims.publisher`: the publisher a partner's token acts for (the `publisher` claim). */
  async function caller(
    tenantId: string,
    scopes: string[] = ALL_SCOPES,
    subject = 'usr_test',
    claims: { publisher?: string } = {},
  ): Promise<Caller> {
    const token = await tokenFor(tenantId, scopes, subject, claims);
    return async (method, url, payload, headers = {}) => {
      const res = await server.inject({
        method,
        url,
        payload,
        headers: { authorization: `Bearer ${token}`, ...headers },
      });
      return { status: res.statusCode, body: (res.result ?? {}) as Json, headers: res.headers };
    };
  }

  /** A new tenant with one EUR administration (code "main"), and a caller holding every scope. */
  async function newTenant(name: string) {
    const { id: tenantId } = await createTenant(db.orm, name);
    const api = await caller(tenantId);
    const res = await api('POST', '/api/v1/administrations', {
      code: 'main',
      name,
      country: 'NL',
      paymentTermDays: 30,
    });
    if (res.status !== 201) throw new Error(`administration not created: ${JSON.stringify(res.body)}`);
    return { tenantId, api, administrationId: res.body.id as string };
  }

  return { db, server, caller, tokenFor, newTenant, secretsKey, identityDb };
}
