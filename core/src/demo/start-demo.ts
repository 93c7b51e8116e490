import type { IdentityServer } from '@kredo/identity';
import type { Logger } from 'pino';
import { clientCredentialsToken } from '../app/client-credentials-token.ts';
import { identityMasterKey, startKredoIdentity } from '../app/identity.ts';
import { type KredoApp, startKredo } from '../app/kredo-app.ts';
import type { Config } from '../config/load-config.ts';
import { SecretBox, secretsKey } from '../marketplace/index.ts';
import { kredoLogger } from '../shared/kredo-logger.ts';
import { type DemoErpClient, seedDemoErpClient } from './demo-erp-client.ts';
import { type DemoExample, findDemoExample } from './demo-example.ts';
import { type DemoFakes, startDemoFakes } from './demo-fakes.ts';
import { type DemoShop, startDemoShop } from './demo-shop.ts';
import { type DemoUsers, seedDemoUsers } from './demo-users.ts';
import { type DemoInstallation, installDemoPlugins } from './install-demo-plugins.ts';
import { type MailCatcher, startMailCatcher } from './mail-catcher.ts';
import { mailCatcherRoutes } from './mail-catcher-routes.ts';
import { DEMO_TENANT_ID, seedDemo } from './seed-demo.ts';
import { seedDemoBankAccounts } from './seed-demo-bank-accounts.ts';
import { seedDemoBankInvoices } from './seed-demo-bank-invoices.ts';
import { type DemoDunning, seedDemoDunning } from './seed-demo-dunning.ts';
import { seedDemoHistory } from './seed-demo-history.ts';
import { seedDemoPlugins } from './seed-demo-plugins.ts';

export interface RunningDemo {
  app: KredoApp;
  /** The identity server beside the app, on its database: the issuer whose tokens the app takes. */
  identity: IdentityServer;
  fakes: DemoFakes;
  /** Whether this run seeded the demo tenant (the first run on a database). */
  seeded: boolean;
  /** The demo ERP client (client credentials), its secret derived from the secrets key. */
  erp: DemoErpClient;
  /** The demo admin and collector, for the identity server's sign-in pages. */
  users: DemoUsers;
  /** An access token of the demo ERP client from the identity server (10 minutes), taken at start. */
  token: string;
  installations: DemoInstallation[];
  /** A debtor to try a credit check and a pay link on. */
  example: DemoExample | undefined;
  /** The mail catcher receiving Kredo's mail (served at /demo/mail), when no KREDO_SMTP_URL was set. */
  mail: MailCatcher | undefined;
  /** The first dunning run of each administration this start set up (none when they existed). */
  dunning: DemoDunning;
  /** A fictional tenant's website with `<kredo-portal>` signed in as the example debtor. */
  shop: DemoShop | undefined;
  stop(): Promise<void>;
}

export interface DemoOptions {
  logger?: Logger;
  onProgress?: (message: string) => void;
  /** Where the built reference plugins are; default this checkout's plugins/. */
  pluginsDirectory?: string;
  /** How the identity server is started beside the app; `kredo start` names a taken port. */
  startIdentity?: typeof startKredoIdentity;
}

/**
 * `kredo start --demo`, step by step:
 * 1. the reference plugins' providers as local fakes: Mollie with its checkout served locally,
 *    Creditsafe knowing every business debtor of the demo ledger;
 * 2. Kredo in demo mode, taking the identity server's tokens, with the providers' origins routed to
 *    the fakes (KREDO_PLUGIN_ORIGIN_ROUTES, with private networks allowed: the fakes are on loopback);
 * 3. the identity server beside it (KREDO_IDENTITY_PORT), on the same database;
 * 4. the demo tenant's ledger, on the first run, with a year of payment history: payments, a kept
 *    and a broken promise, a dispute, risk scores and the last fortnight's insight snapshots;
 * 5. the built reference plugins in the catalogue, signed as a partner signs;
 * 6. installed for the demo tenant with the fakes' test credentials, and enabled;
 * 7. the demo ERP client and people put back at the identity server, and a debtor to try plugins on;
 * 8. dunning for each administration without it, through the API with the ERP client's token from
 *    the identity server: sender, a B2B and a B2C strategy, a first run;
 * 9. a tenant's website on a port of its own, with the portal widget signed in as that debtor.
 * Without KREDO_SMTP_URL, a mail catcher (an SMTP server of its own) receives Kredo's mail, and
 * /demo/mail shows what it caught and the letters of the latest runs.
 */
export async function startDemo(config: Config, options: DemoOptions = {}): Promise<RunningDemo> {
  const progress = { onProgress: options.onProgress ?? (() => {}) };
  const logger = options.logger ?? kredoLogger(config.logLevel);
  const fakes = await startDemoFakes();
  let app: KredoApp | undefined;
  let identity: IdentityServer | undefined;
  let mail: MailCatcher | undefined;
  let shop: DemoShop | undefined;
  try {
    mail = config.smtpUrl ? undefined : await startMailCatcher();
    const demoConfig: Config = {
      ...config,
      mode: 'demo',
      // The identity server started below, unless the environment names another.
      identityIssuer: config.identityIssuer ?? config.identityPublicUrl,
      pluginAllowPrivateNetworks: true,
      // Routes given in the environment win: a fake of the user's own.
      pluginOriginRoutes: { ...fakes.routes, ...config.pluginOriginRoutes },
      ...(mail && { smtpUrl: mail.smtpUrl }),
    };
    app = await startKredo(demoConfig, logger);
    identity = await (options.startIdentity ?? startKredoIdentity)(
      demoConfig,
      app.databaseUrl,
      logger,
      app.orm,
    );
    if (mail)
      app.server.route(
        mailCatcherRoutes(mail, { config: demoConfig, orm: app.orm, tenantId: DEMO_TENANT_ID }),
      );
    const seeded = await seedDemo(app.orm, progress);
    await seedDemoBankAccounts(app.orm);
    await seedDemoBankInvoices(app.orm);
    await seedDemoHistory(app.orm, progress);
    await seedDemoPlugins(app.orm, {
      ...progress,
      ...(options.pluginsDirectory && { directory: options.pluginsDirectory }),
    });
    const root = await secretsKey(demoConfig.dataDir, demoConfig.secretsKey);
    const installations = await installDemoPlugins(app.orm, new SecretBox(root), progress);
    const erp = await seedDemoErpClient(identity.identity.pool, root);
    const users = await seedDemoUsers(identity.identity.pool, root, await identityMasterKey(demoConfig));
    const issuer = identity.issuer;
    const erpToken = () => clientCredentialsToken({ issuer, ...erp });
    // After the plugins: the first reminders carry a Mollie pay link.
    const dunning = await seedDemoDunning(app.server, erpToken, progress);
    const running = { app, identity };
    const catcher = mail;
    const example = await findDemoExample(app.orm);
    const server = app.server;
    shop =
      example &&
      (await startDemoShop({
        callCore: async (method, url, payload) => {
          const res = await server.inject({
            method,
            url,
            payload,
            headers: { authorization: `Bearer ${await erpToken()}` },
          });
          return { status: res.statusCode, body: res.result };
        },
        coreUrl: demoConfig.publicUrl,
        debtor: { id: example.debtorId, name: example.name },
        host: demoConfig.host,
      }));
    const site = shop;
    return {
      ...running,
      fakes,
      seeded,
      erp,
      users,
      token: await erpToken(),
      installations,
      example,
      mail: catcher,
      dunning,
      shop: site,
      async stop() {
        await site?.close();
        await running.identity.close();
        await running.app.stop();
        await fakes.close();
        await catcher?.close();
      },
    };
  } catch (error) {
    await shop?.close().catch(() => {});
    await identity?.close().catch(() => {});
    await app?.stop().catch(() => {});
    await fakes.close().catch(() => {});
    await mail?.close().catch(() => {});
    throw error;
  }
}
