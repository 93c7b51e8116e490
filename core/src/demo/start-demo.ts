import type { Logger } from 'pino';
import { type KredoApp, startKredo } from '../app/kredo-app.ts';
import { signDevToken } from '../auth/dev-token.ts';
import { ALL_SCOPES } from '../auth/principal.ts';
import type { Config } from '../config/load-config.ts';
import { SecretBox, secretsKey } from '../marketplace/index.ts';
import { type DemoExample, findDemoExample } from './demo-example.ts';
import { type DemoFakes, startDemoFakes } from './demo-fakes.ts';
import { type DemoShop, startDemoShop } from './demo-shop.ts';
import { type DemoInstallation, installDemoPlugins } from './install-demo-plugins.ts';
import { type MailCatcher, startMailCatcher } from './mail-catcher.ts';
import { mailCatcherRoutes } from './mail-catcher-routes.ts';
import { DEMO_TENANT_ID, seedDemo } from './seed-demo.ts';
import { type DemoDunning, seedDemoDunning } from './seed-demo-dunning.ts';
import { seedDemoPlugins } from './seed-demo-plugins.ts';

export interface RunningDemo {
  app: KredoApp;
  fakes: DemoFakes;
  /** Whether this run seeded the demo tenant (the first run on a database). */
  seeded: boolean;
  /** A bearer token for the demo tenant, every scope, 30 days. */
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
}

/**
 * `kredo start --demo`, step by step:
 * 1. the reference plugins' providers as local fakes: Mollie with its checkout served locally,
 *    Creditsafe knowing every business debtor of the demo ledger;
 * 2. Kredo in demo mode: development sign-in, and the providers' origins routed to the fakes
 *    (KREDO_PLUGIN_ORIGIN_ROUTES, with private networks allowed: the fakes are on loopback);
 * 3. the demo tenant's ledger, on the first run;
 * 4. the built reference plugins in the catalogue, signed as a partner signs;
 * 5. installed for the demo tenant with the fakes' test credentials, and enabled;
 * 6. a token for the demo tenant and a debtor to try them on;
 * 7. dunning for each administration without it: sender, a B2B and a B2C strategy, a first run;
 * 8. a tenant's website on a port of its own, with the portal widget signed in as that debtor.
 * Without KREDO_SMTP_URL, a mail catcher (an SMTP server of its own) receives Kredo's mail, and
 * /demo/mail shows what it caught and the letters of the latest runs.
 */
export async function startDemo(config: Config, options: DemoOptions = {}): Promise<RunningDemo> {
  const progress = { onProgress: options.onProgress ?? (() => {}) };
  const fakes = await startDemoFakes();
  let app: KredoApp | undefined;
  let mail: MailCatcher | undefined;
  let shop: DemoShop | undefined;
  try {
    mail = config.smtpUrl ? undefined : await startMailCatcher();
    const demoConfig: Config = {
      ...config,
      mode: 'demo',
      devAuth: true,
      pluginAllowPrivateNetworks: true,
      // Routes given in the environment win: a fake of the user's own.
      pluginOriginRoutes: { ...fakes.routes, ...config.pluginOriginRoutes },
      ...(mail && { smtpUrl: mail.smtpUrl }),
    };
    app = await startKredo(demoConfig, options.logger);
    if (mail)
      app.server.route(
        mailCatcherRoutes(mail, { config: demoConfig, orm: app.orm, tenantId: DEMO_TENANT_ID }),
      );
    const seeded = await seedDemo(app.orm, progress);
    await seedDemoPlugins(app.orm, {
      ...progress,
      ...(options.pluginsDirectory && { directory: options.pluginsDirectory }),
    });
    const box = new SecretBox(await secretsKey(demoConfig.dataDir, demoConfig.secretsKey));
    const installations = await installDemoPlugins(app.orm, box, progress);
    const token = await signDevToken(app.devSecret as string, {
      subject: 'demo-user',
      tenantId: DEMO_TENANT_ID,
      scopes: ALL_SCOPES,
    });
    // After the plugins: the first reminders carry a Mollie pay link.
    const dunning = await seedDemoDunning(app.server, token, progress);
    const running = app;
    const catcher = mail;
    const example = await findDemoExample(running.orm);
    shop =
      example &&
      (await startDemoShop({
        callCore: async (method, url, payload) => {
          const res = await running.server.inject({
            method,
            url,
            payload,
            headers: { authorization: `Bearer ${token}` },
          });
          return { status: res.statusCode, body: res.result };
        },
        coreUrl: demoConfig.publicUrl,
        debtor: { id: example.debtorId, name: example.name },
        host: demoConfig.host,
      }));
    const site = shop;
    return {
      app: running,
      fakes,
      seeded,
      token,
      installations,
      example,
      mail: catcher,
      dunning,
      shop: site,
      async stop() {
        await site?.close();
        await running.stop();
        await fakes.close();
        await catcher?.close();
      },
    };
  } catch (error) {
    await shop?.close().catch(() => {});
    await app?.stop().catch(() => {});
    await fakes.close().catch(() => {});
    await mail?.close().catch(() => {});
    throw error;
  }
}
