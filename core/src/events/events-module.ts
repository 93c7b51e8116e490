import type { Config } from '../config/load-config.ts';
import type { Orm } from '../db/orm.ts';
import { defineModule } from '../shared/kredo-module.ts';
import { deliveryRoutes } from './delivery-routes.ts';
import type { EventDeliverer } from './event-deliverer.ts';
import { eventJobs } from './event-jobs.ts';

interface EventsDeps {
  orm: Orm;
  config: Pick<Config, 'eventMaxAttempts'>;
  /** Who receives outbox events: the installed plugins, through the plugin runtime, unless the app says otherwise. */
  deliverer: EventDeliverer;
}

/** The outbox, its delivery to plugins, and the deliveries' routes. */
export const eventsModule = defineModule({
  name: 'events',
  needs: ['orm', 'config', 'deliverer'],
  routes: () => deliveryRoutes,
  jobs: ({ orm, config, deliverer }: EventsDeps) =>
    eventJobs({ orm, deliverer, maxAttempts: config.eventMaxAttempts }),
});
