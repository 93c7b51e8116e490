import type { Server } from '@hapi/hapi';
import type { Logger } from 'pino';
import { devSecret } from '../auth/dev-secret.ts';
import { devTokenVerifier } from '../auth/dev-token.ts';
import type { TokenVerifier } from '../auth/principal.ts';
import { collectionRoutes, collectionUpdateRecorder } from '../collection/index.ts';
import { type Config, checkDevelopmentSettings } from '../config/load-config.ts';
import { creditCheckRoutes } from '../credit-checks/index.ts';
import { creditCoverRoutes } from '../credit-cover/index.ts';
import { createOrm, migrate, type Orm } from '../db/orm.ts';
import { type EventDeliverer, eventJobs } from '../events/index.ts';
import { idempotencyPurgeJobs } from '../http/idempotency-purge.ts';
import { createServer } from '../http/server.ts';
import { importRoutes } from '../imports/import-routes.ts';
import { insurerNoticeJobs, insurerNoticeRoutes } from '../insurer-notices/index.ts';
import { invoiceCopyRoutes } from '../invoice-copies/index.ts';
import { overdueJobs } from '../invoices/overdue-task.ts';
import { type JobWorker, startJobWorker } from '../jobs/job-worker.ts';
import { installationRoutes, marketplaceRoutes, SecretBox, secretsKey } from '../marketplace/index.ts';
import { messageRoutes } from '../messages/index.ts';
import { payLinkPaymentRecorder, payLinkRoutes } from '../pay-links/index.ts';
import { createPluginRuntime, type PluginRuntime } from '../plugin-runtime/index.ts';
import { runtimeDeliverer } from '../plugin-runtime/runtime-deliverer.ts';
import { kredoLogger } from '../shared/kredo-logger.ts';
import { webhookRoutes } from '../webhooks/index.ts';
import { openDatabase } from './database.ts';

export interface KredoApp {
  config: Config;
  orm: Orm;
  server: Server;
  logger: Logger;
  /** Runs installed plugins' hooks; its plugin-host processes start on the first call. */
  plugins: PluginRuntime;
  devSecret: string | undefined;
  stop(): Promise<void>;
}

/**
 * Brings Kredo up in order: database (embedded unless DATABASE_URL), migrations, token verifier,
 * HTTP server, job worker (unless KREDO_WORKER is off). `stop` takes it down in reverse.
 */
export async function startKredo(
  config: Config,
  logger = kredoLogger(config.logLevel),
  /** Who receives outbox events; by default the installed plugins, through the plugin runtime. */
  deliverer?: EventDeliverer,
): Promise<KredoApp> {
  checkDevelopmentSettings(config);
  const database = await openDatabase(config, (line) => logger.debug({ postgres: line }));
  let orm: Orm | undefined;
  let worker: JobWorker | undefined;
  let plugins: PluginRuntime | undefined;
  try {
    orm = await createOrm(database.url, config.dbPoolMax, (message) => logger.debug({ orm: message }));
    const applied = await migrate(orm);
    if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
    const secret = config.devAuth ? await devSecret(config.dataDir, config.devAuthSecret) : undefined;
    // Until the identity server exists, development tokens are the only way in, and only when enabled.
    const verifier: TokenVerifier | undefined = secret ? devTokenVerifier(secret) : undefined;
    if (!verifier) logger.warn('no token verifier: KREDO_DEV_AUTH is off, so every API call will be refused');
    const pluginSecretsKey = await secretsKey(config.dataDir, config.secretsKey);
    plugins = createPluginRuntime({
      orm,
      config,
      secretsKey: pluginSecretsKey,
      logger,
      // Development and tests only (checked above): the reference plugins' providers as local fakes.
      ...(config.pluginOriginRoutes && { originRoutes: config.pluginOriginRoutes }),
    });
    const capabilities = { orm, runtime: plugins };
    let server: Server | undefined;
    const publicUrl = () => config.publicUrl ?? server?.info.uri ?? `http://localhost:${config.port}`;
    server = await createServer({
      orm,
      logger,
      verifier,
      port: config.port,
      host: config.host,
      publicUrl: config.publicUrl,
      routes: [
        ...importRoutes(config),
        ...marketplaceRoutes(),
        ...installationRoutes(new SecretBox(pluginSecretsKey)),
        ...webhookRoutes(
          plugins,
          logger,
          {
            payment: payLinkPaymentRecorder(orm, logger),
            collectionUpdate: collectionUpdateRecorder(orm, logger),
          },
          { ratePerMinute: config.webhookRatePerMinute },
        ),
        ...creditCheckRoutes(capabilities),
        ...payLinkRoutes({ ...capabilities, publicUrl }),
        ...invoiceCopyRoutes({ ...capabilities, filterDeadlineMs: config.pluginDeadlineMs }),
        ...collectionRoutes(capabilities),
        ...creditCoverRoutes(capabilities),
        insurerNoticeRoutes(),
        ...messageRoutes(capabilities),
      ],
    });
    await server.start();
    if (config.worker) {
      worker = await startJobWorker({
        connectionString: database.url,
        logger,
        concurrency: config.workerConcurrency,
        jobs: [
          eventJobs({
            orm,
            deliverer: deliverer ?? runtimeDeliverer(plugins),
            maxAttempts: config.eventMaxAttempts,
          }),
          overdueJobs(orm),
          insurerNoticeJobs(capabilities),
          idempotencyPurgeJobs(orm, config.idempotencyKeepHours),
        ],
      });
    }
    const app: KredoApp = {
      config,
      orm,
      server,
      logger,
      plugins,
      devSecret: secret,
      async stop() {
        await server.stop({ timeout: 5000 });
        await worker?.stop();
        await plugins?.close();
        await orm?.close(true);
        await database.stop();
      },
    };
    return app;
  } catch (error) {
    await worker?.stop().catch(() => {});
    await plugins?.close().catch(() => {});
    await orm?.close(true).catch(() => {});
    await database.stop().catch(() => {});
    throw error;
  }
}
