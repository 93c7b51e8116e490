import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { makeWorkerUtils, run, Logger as WorkerLogger } from 'graphile-worker';
import pino from 'pino';
import type { Caller } from '../app/test-api.ts';
import { ALL_SCOPES } from '../auth/principal.ts';
import { createTestIssuer } from '../auth/test-issuer.ts';
import { loadConfig } from '../config/load-config.ts';
import type { Orm } from '../db/orm.ts';
import { withTenantClient } from '../db/tenant-scope.ts';
import { eventJobs, recordEventsFrom } from '../events/index.ts';
import { createServer } from '../http/server.ts';
import { startJobWorker } from '../jobs/job-worker.ts';
import { installationRoutes, marketplaceRoutes, SecretBox } from '../marketplace/index.ts';
import { createTestPartner } from '../marketplace/test-partner.ts';
import { createPluginRuntime } from '../plugin-runtime/index.ts';
import { runtimeDeliverer } from '../plugin-runtime/runtime-deliverer.ts';
import { createTenant } from '../tenants/tenant-service.ts';
import type { BenchServer } from './bench-database.ts';
import { type BenchRow, compared } from './bench-rows.ts';

export interface EventsBenchOptions {
  server: BenchServer;
  log: (line: string) => void;
  events?: number;
}

const EVENTS = 2_000;
const CONCURRENCY = 8;
const DEADLINE_MS = 25_000;

/**
 * Events delivered to plugins per second: a plugin with an `invoice.created` event hook is published,
 * installed and enabled through the API, then `events` events are recorded in one transaction and
 * timed from the record to every delivery `delivered` (outbox → dispatch → one graphile-worker job per
 * delivery → the hook run in the plugin sandbox → outcome recorded). Baseline: the same number of
 * no-op graphile-worker jobs through a runner of the same concurrency on the same database.
 */
export async function benchEvents({ server, log, events = EVENTS }: EventsBenchOptions): Promise<BenchRow[]> {
  const orm = await server.createDatabase('kredo_bench_events', CONCURRENCY + 4);
  const url = orm.config.get('clientUrl') as string;
  try {
    log(`Events: ${events.toLocaleString('en')} no-op graphile-worker jobs (baseline) …`);
    const baseline = await noopJobsPerSecond(url, events);
    log(`Events: ${events.toLocaleString('en')} invoice.created events to an installed plugin …`);
    const delivered = await eventsPerSecond(orm, url, events);
    return [
      compared('events delivered to plugins per second', '/s', delivered, baseline, {
        atLeast: 0.25,
        of: 'no-op jobs',
      }),
    ];
  } finally {
    await orm.close(true);
  }
}

async function noopJobsPerSecond(connectionString: string, count: number): Promise<number> {
  let done = 0;
  let finished: () => void = () => {};
  const allDone = new Promise<void>((resolve) => {
    finished = resolve;
  });
  const runner = await run({
    connectionString,
    concurrency: CONCURRENCY,
    maxPoolSize: CONCURRENCY + 2,
    noHandleSignals: true,
    pollInterval: 100,
    logger: quietWorkerLogger,
    taskList: {
      noop: async () => {
        if (++done === count) finished();
      },
    },
  });
  const utils = await makeWorkerUtils({ connectionString, logger: quietWorkerLogger });
  try {
    const start = performance.now();
    // One at a time, as the dispatcher enqueues deliveries.
    for (let n = 0; n < count; n++) await utils.addJob('noop', { n });
    await withDeadline(allDone);
    return count / ((performance.now() - start) / 1000);
  } finally {
    await utils.release();
    await runner.stop();
  }
}

async function eventsPerSecond(orm: Orm, connectionString: string, count: number): Promise<number> {
  const { id: tenantId } = await createTenant(orm, 'Bench events');
  const secretsKey = randomBytes(32);
  await installListener(orm, tenantId, secretsKey);
  const runtime = createPluginRuntime({ orm, config: loadConfig({}), secretsKey });
  const worker = await startJobWorker({
    connectionString,
    logger: pino({ level: 'silent' }),
    concurrency: CONCURRENCY,
    pollInterval: 100,
    jobs: [eventJobs({ orm, deliverer: runtimeDeliverer(runtime) })],
  });
  try {
    const start = performance.now();
    await withTenantClient(orm, tenantId, (client) =>
      recordEventsFrom(
        client,
        'invoice.created',
        `select jsonb_build_object('invoice', jsonb_build_object('number', n::text)) as payload
         from generate_series(1, $1::int) as n`,
        [count],
      ),
    );
    await withDeadline(
      (async () => {
        for (;;) {
          const [row] = await orm.em.fork().execute<{ delivered: number; failed: number }[]>(
            `select count(*) filter (where status = 'delivered')::int as delivered,
                      count(*) filter (where status = 'failed')::int as failed from event_delivery`,
          );
          if ((row?.failed ?? 0) > 0) throw new Error(`${row?.failed} deliveries failed`);
          if ((row?.delivered ?? 0) >= count) return;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      })(),
    );
    return count / ((performance.now() - start) / 1000);
  } finally {
    await worker.stop();
    await runtime.close();
  }
}

/** Publishes and installs, through the API as a partner and a tenant admin do, a plugin that counts events. */
async function installListener(orm: Orm, tenantId: string, secretsKey: Buffer) {
  const issuer = await createTestIssuer();
  const api = await createServer({
    orm,
    logger: pino({ level: 'silent' }),
    verifier: issuer.verifier(),
    routes: [...marketplaceRoutes(), ...installationRoutes(new SecretBox(secretsKey))],
  });
  await api.initialize();
  try {
    const caller = async (tenant: string, scopes: string[], subject: string): Promise<Caller> => {
      const token = await issuer.accessToken({ subject, tenantId: tenant, scopes });
      return async (method, url, payload) => {
        const res = await api.inject({ method, url, payload, headers: { authorization: `Bearer ${token}` } });
        // biome-ignore lint/suspicious/noExplicitAny: untyped JSON answers
        return { status: res.statusCode, body: (res.result ?? {}) as Record<string, any> };
      };
    };
    const partner = await createTestPartner(caller, tenantId, 'Bench B.V.');
    const manifest = {
      id: 'com.example.bench.events',
      name: 'Bench events',
      version: '1.0.0',
      publisher: { id: 'com.example', name: 'Bench' },
      requirements: { core: '^0.1.0' },
      capabilities: [],
      hooks: [{ name: 'invoice.created', kind: 'event' }],
      scopes: ['invoices:read'],
    };
    const bundle = `globalThis.__kredo = { hooks: { 'invoice.created': async () => {} } };`;
    const published = await partner.publish(manifest, bundle);
    if (published.status !== 201) throw new Error(`publish failed: ${JSON.stringify(published.body)}`);
    const admin = await caller(tenantId, ALL_SCOPES, 'usr_bench');
    const base = '/api/v1/plugins/installations';
    const installed = await admin('POST', base, {
      pluginId: manifest.id,
      version: '1.0.0',
      grantedScopes: manifest.scopes,
    });
    if (installed.status !== 201) throw new Error(`install failed: ${JSON.stringify(installed.body)}`);
    const enabled = await admin('PATCH', `${base}/${installed.body.id}`, { enabled: true });
    if (enabled.status !== 200) throw new Error(`enable failed: ${JSON.stringify(enabled.body)}`);
  } finally {
    await api.stop();
  }
}

function withDeadline<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not done within ${DEADLINE_MS / 1000} s`)), DEADLINE_MS);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

const quietWorkerLogger = new WorkerLogger(() => () => {});
