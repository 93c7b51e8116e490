import { randomBytes } from 'node:crypto';
import { createApiClient, type IdentityServer, startIdentityServer } from '@kredo/identity';
import { type InMemoryTwin, startInMemoryTwin } from '@kredo/identity/bench';
import { ALL_SCOPES, SCOPES } from '../auth/principal.ts';
import { allAnswered } from './api-bench.ts';
import type { BenchServer } from './bench-database.ts';
import { type BenchRow, compared } from './bench-rows.ts';
import { runLoad } from './load-test.ts';

export interface IdentityTokenBenchOptions {
  server: BenchServer;
  connections: number;
  durationSeconds: number;
  log: (line: string) => void;
}

const API_RESOURCE = 'http://127.0.0.1:3000/api/v1';
// As in the API rows: long enough for the JIT and the pool to settle; not measured.
const WARM_UP_SECONDS = 3;

/**
 * The identity server's token endpoint under client-credentials load: the server as `kredo start`
 * runs it (oidc-provider on its PostgreSQL adapter, the token endpoint's throttle, a pool of 5), on
 * the bench's PostgreSQL, against its in-memory twin (the same configuration, signing key and
 * client on oidc-provider's in-memory adapter, `@kredo/identity/bench`). Both are warmed up, then
 * measured in turn under the same load from a worker thread (autocannon, load-test.ts).
 */
export async function benchIdentityTokens({
  server,
  connections,
  durationSeconds,
  log,
}: IdentityTokenBenchOptions): Promise<BenchRow[]> {
  const databaseUrl = await server.createEmptyDatabase('kredo_identity');
  const masterKey = randomBytes(32);
  let identity: IdentityServer | undefined;
  let twin: InMemoryTwin | undefined;
  try {
    identity = await startIdentityServer({
      databaseUrl,
      port: 0,
      masterKey,
      apiResource: API_RESOURCE,
      apiScopes: ALL_SCOPES,
      keyRefreshSeconds: 0,
    });
    const erp = await createApiClient(
      identity.identity.pool,
      { tenantId: 'ten_bench', name: 'Bench ERP', scopes: [SCOPES.ledgerRead] },
      { actorId: null, ip: null },
    );
    twin = await startInMemoryTwin({
      original: identity,
      masterKey,
      apiResource: API_RESOURCE,
      apiScopes: ALL_SCOPES,
      clientId: erp.clientId,
    });
    const credentials = `${encodeURIComponent(erp.clientId)}:${encodeURIComponent(erp.clientSecret)}`;
    const load = (url: string, seconds: number) =>
      runLoad({
        url,
        paths: ['/token'],
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(credentials).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: `grant_type=client_credentials&scope=${encodeURIComponent(SCOPES.ledgerRead)}`,
        connections,
        durationSeconds: seconds,
      });

    log(`Warming up both token endpoints (${WARM_UP_SECONDS} s each) …`);
    await load(twin.url, WARM_UP_SECONDS);
    await load(identity.url, WARM_UP_SECONDS);
    log(`Loading the in-memory token endpoint: ${connections} connections, ${durationSeconds} s …`);
    const baseline = allAnswered('in-memory token endpoint', await load(twin.url, durationSeconds));
    log(`Loading the PostgreSQL token endpoint: ${connections} connections, ${durationSeconds} s …`);
    const measured = allAnswered('PostgreSQL token endpoint', await load(identity.url, durationSeconds));

    const name = 'identity token endpoint, client credentials';
    return [
      compared(name, 'tokens/s', measured.requestsPerSecond, baseline.requestsPerSecond, {
        atLeast: 0.5,
        of: 'in-memory adapter',
      }),
      compared(`${name}, p50 latency`, 'ms', measured.p50Ms, baseline.p50Ms),
      compared(`${name}, p99 latency`, 'ms', measured.p99Ms, baseline.p99Ms),
    ];
  } finally {
    await twin?.close();
    await identity?.close();
  }
}
