import { devNull } from 'node:os';
import type { Server } from '@hapi/hapi';
import pino from 'pino';
import { routesGiven } from '../app/compose-modules.ts';
import { modules } from '../app/modules.ts';
import { SCOPES } from '../auth/principal.ts';
import { createTestIssuer } from '../auth/test-issuer.ts';
import { settings } from '../config/settings.ts';
import { DEMO_TENANT_ID, seedDemo } from '../demo/seed-demo.ts';
import { createServer } from '../http/server.ts';
import { startBareServer } from './bare-server.ts';
import type { BenchServer } from './bench-database.ts';
import { type BenchRow, compared } from './bench-rows.ts';
import { type LoadResult, runLoad } from './load-test.ts';

export interface ApiBenchOptions {
  server: BenchServer;
  connections: number;
  durationSeconds: number;
  log: (line: string) => void;
}

// Long enough for the JIT and the pool to settle; not measured.
const WARM_UP_SECONDS = 3;

/**
 * `GET /api/v1/debtors/{id}` on Kredo's server (token check, joi validation, ORM, request log)
 * against a bare hapi route running the same statements on the same pool, each under the same load
 * of random debtors from the seeded demo ledger. Both are warmed up first, then measured in turn.
 */
export async function benchApi({
  server,
  connections,
  durationSeconds,
  log,
}: ApiBenchOptions): Promise<BenchRow[]> {
  const orm = await server.createDatabase('kredo_api', settings.dbPoolMax.default);
  let kredo: Server | undefined;
  let bare: Server | undefined;
  try {
    await seedDemo(orm);
    const pool = await orm.em.getConnection().getNativeClient();
    const { rows } = await pool.query<{ id: string }>('select id from debtor where tenant_id = $1', [
      DEMO_TENANT_ID,
    ]);
    const paths = rows.map((row) => `/api/v1/debtors/${row.id}`);

    // Tokens as the identity server signs them, checked by core's verifier (cached after the first).
    const issuer = await createTestIssuer();
    // Kredo logs every request in production, so it does here too, into the void rather than over the table.
    const logger = pino({ level: 'info' }, pino.destination({ dest: devNull, sync: false }));
    kredo = await createServer({
      orm,
      logger,
      verifier: issuer.verifier(),
      // Every module's routes, as `kredo start` serves them (the debtors module needs identity's pool).
      routes: routesGiven(modules, { orm, identityDb: pool }),
    });
    await kredo.start();
    bare = await startBareServer(pool, DEMO_TENANT_ID);
    const token = await issuer.accessToken({
      subject: 'bench',
      tenantId: DEMO_TENANT_ID,
      scopes: [SCOPES.ledgerRead],
    });
    // The bare route ignores the header; sending it anyway keeps the two requests the same bytes.
    const headers = { authorization: `Bearer ${token}` };
    const load = (target: Server, seconds: number) =>
      runLoad({ url: target.info.uri, paths, headers, connections, durationSeconds: seconds });

    log(`Warming up both servers (${WARM_UP_SECONDS} s each) …`);
    await load(bare, WARM_UP_SECONDS);
    await load(kredo, WARM_UP_SECONDS);
    log(`Loading the bare route: ${connections} connections, ${durationSeconds} s …`);
    const baseline = allAnswered('bare route', await load(bare, durationSeconds));
    log(`Loading Kredo's route: ${connections} connections, ${durationSeconds} s …`);
    const measured = allAnswered("Kredo's route", await load(kredo, durationSeconds));

    const name = 'GET /api/v1/debtors/{id}';
    return [
      compared(`${name} throughput`, 'req/s', measured.requestsPerSecond, baseline.requestsPerSecond, {
        atLeast: 0.7,
        of: 'bare route',
      }),
      compared(`${name} p50 latency`, 'ms', measured.p50Ms, baseline.p50Ms),
      compared(`${name} p99 latency`, 'ms', measured.p99Ms, baseline.p99Ms),
    ];
  } finally {
    await kredo?.stop();
    await bare?.stop();
    await orm.close(true);
  }
}

/** Fast failures (a 401 from a bad token, a 500) would pass for throughput: refuse such a run. */
export function allAnswered(target: string, result: LoadResult): LoadResult {
  if (result.requests === 0 || result.non2xx > 0 || result.errors > 0) {
    throw new Error(
      `${target}: ${result.requests} requests, ${result.non2xx} not 2xx, ${result.errors} errors: the run measured failures`,
    );
  }
  return result;
}
