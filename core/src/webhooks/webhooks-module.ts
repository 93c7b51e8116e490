import type { Logger } from 'pino';
import { collectionUpdateRecorder } from '../collection/index.ts';
import type { Config } from '../config/load-config.ts';
import type { Orm } from '../db/orm.ts';
import { payLinkPaymentRecorder } from '../pay-links/index.ts';
import type { PluginRuntime } from '../plugin-runtime/index.ts';
import { defineModule } from '../shared/kredo-module.ts';
import { webhookRoutes } from './webhook-routes.ts';

interface WebhooksDeps {
  orm: Orm;
  config: Pick<Config, 'webhookRatePerMinute'>;
  logger: Logger;
  runtime: PluginRuntime;
}

/** Providers' webhooks, handled by the installed plugin; pay links and collection record what they report. */
export const webhooksModule = defineModule({
  name: 'webhooks',
  needs: ['orm', 'config', 'logger', 'runtime'],
  routes: ({ orm, config, logger, runtime }: WebhooksDeps) =>
    webhookRoutes(
      runtime,
      logger,
      {
        payment: payLinkPaymentRecorder(orm, logger),
        collectionUpdate: collectionUpdateRecorder(orm, logger),
      },
      { ratePerMinute: config.webhookRatePerMinute },
    ),
});
