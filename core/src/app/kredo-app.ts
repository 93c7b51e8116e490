import type { Server } from '@hapi/hapi';
import { migrateIdentity } from '@kredo/identity';
import pg from 'pg';
import type { Logger } from 'pino';
import { configuredVerifier } from '../auth/configured-verifier.ts';
import { type Config, checkAuthSettings, checkDevelopmentSettings } from '../config/load-config.ts';
import { createOrm, migrate, type Orm } from '../db/orm.ts';
import type { EventDeliverer } from '../events/index.ts';
import { createServer } from '../http/server.ts';
import { type JobWorker, startJobWorker } from '../jobs/job-worker.ts';
import { secretsKey } from '../marketplace/index.ts';
import { createPluginRuntime, type PluginRuntime } from '../plugin-runtime/index.ts';
import { runtimeDeliverer } from '../plugin-runtime/runtime-deliverer.ts';
import { kredoLogger } from '../shared/kredo-logger.ts';
import { loggableError } from '../shared/log-error.ts';
import { moduleJobs, moduleRoutes } from './compose-modules.ts';
import { openDatabase } from './database.ts';
import type { ModuleDeps } from './module-deps.ts';
import { modules } from './modules.ts';
import { withPortalSessions } from './portal-verifier.ts';

/** Connections for identity's admin functions: a few requests a day, and the hourly sweep. */
const IDENTITY_POOL_MAX = 2;

export interface KredoApp {
  config: Config;
  /** The database Kredo runs on (DATABASE_URL or the embedded one's); the identity server shares it. */
  databaseUrl: string;
  orm: Orm;
  server: Server;
  logger: Logger;
  /** Runs installed plugins' hooks; its plugin-host processes start on the first call. */
  plugins: PluginRuntime;
  stop(): Promise<void>;
}

/**
 * Brings Kredo up in order: database (embedded unless DATABASE_URL), migrations, token verifier,
 * plugin runtime, HTTP server with every module's routes, job worker with every module's jobs
 * (unless KREDO_WORKER is off). `stop` takes it down in reverse.
 */
export async function startKredo(
  config: Config,
  logger = kredoLogger(config.logLevel),
  /** Who receives outbox events; by default the installed plugins, through the plugin runtime. */
  deliverer?: EventDeliverer,
): Promise<KredoApp> {
  checkDevelopmentSettings(config);
  checkAuthSettings(config);
  const database = await openDatabase(config, (line) => logger.debug({ postgres: line }));
  let orm: Orm | undefined;
  let worker: JobWorker | undefined;
  let plugins: PluginRuntime | undefined;
  let identityDb: pg.Pool | undefined;
  try {
    orm = await createOrm(database.url, config.dbPoolMax, (message) => logger.debug({ orm: message }));
    const applied = await migrate(orm);
    if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
    // Identity's schema too, here rather than only when the identity server starts: core's routes for
    // API clients and the audit log, and the sweep job, call identity's functions from the first request.
    identityDb = new pg.Pool({ connectionString: database.url, max: IDENTITY_POOL_MAX });
    // A connection the server ends (a restart) is logged; unheard, pg's 'error' would end the process.
    identityDb.on('error', (error) =>
      logger.warn({ err: loggableError(error) }, 'an identity connection failed'),
    );
    const identityApplied = await migrateIdentity(identityDb);
    if (identityApplied.length > 0) logger.info({ migrations: identityApplied }, 'identity schema migrated');
    const verifier = configuredVerifier(config, logger);
    const pluginSecretsKey = await secretsKey(config.dataDir, config.secretsKey);
    plugins = createPluginRuntime({
      orm,
      config,
      secretsKey: pluginSecretsKey,
      logger,
      // Development and tests only (checked above): the reference plugins' providers as local fakes.
      ...(config.pluginOriginRoutes && { originRoutes: config.pluginOriginRoutes }),
    });
    let server: Server | undefined;
    const deps: ModuleDeps = {
      orm,
      config,
      logger,
      runtime: plugins,
      deliverer: deliverer ?? runtimeDeliverer(plugins),
      publicUrl: () => config.publicUrl ?? server?.info.uri ?? `http://localhost:${config.port}`,
      secretsKey: pluginSecretsKey,
      identityDb,
    };
    server = await createServer({
      orm,
      logger,
      verifier: withPortalSessions(verifier, orm, pluginSecretsKey),
      port: config.port,
      host: config.host,
      publicUrl: config.publicUrl,
      routes: moduleRoutes(modules, deps),
      trustProxy: config.trustProxy,
    });
    await server.start();
    if (config.worker) {
      worker = await startJobWorker({
        connectionString: database.url,
        logger,
        concurrency: config.workerConcurrency,
        jobs: moduleJobs(modules, deps),
      });
    }
    const app: KredoApp = {
      config,
      databaseUrl: database.url,
      orm,
      server,
      logger,
      plugins,
      async stop() {
        await server.stop({ timeout: 5000 });
        await worker?.stop();
        await plugins?.close();
        await identityDb?.end();
        await orm?.close(true);
        await database.stop();
      },
    };
    return app;
  } catch (error) {
    await worker?.stop().catch(() => {});
    await plugins?.close().catch(() => {});
    await identityDb?.end().catch(() => {});
    await orm?.close(true).catch(() => {});
    await database.stop().catch(() => {});
    throw error;
  }
}
