import type { ServerRoute } from '@hapi/hapi';
import type { Config } from '../config/load-config.ts';
import type { Orm } from '../db/orm.ts';
import { mergeJobs } from '../jobs/module-jobs.ts';
import type { PluginRuntime } from '../plugin-runtime/index.ts';
import { defineModule } from '../shared/kredo-module.ts';
import { deliveryJobs } from './delivery-jobs.ts';
import { deliveryRoutes } from './delivery-routes.ts';
import { dunningRoutes } from './dunning-routes.ts';
import { scheduleJobs } from './schedule-task.ts';

/**
 * Dunning: the engine (policy, runs, preview, actions, holds, the daily schedule) and the delivery of
 * what the runs decided (deliveryRoutes / deliveryJobs, the channels' part).
 */
export const dunningModule = defineModule({
  name: 'dunning',
  needs: ['orm', 'config', 'runtime', 'publicUrl'],
  routes: (deps: { orm: Orm }) => dunningApiRoutes(deps),
  jobs: (deps: { orm: Orm; config: Config; runtime: PluginRuntime; publicUrl: () => string }) =>
    mergeJobs(scheduleJobs(deps.orm), deliveryJobs(deps)),
});

/**
 * Every dunning route: they need only the database, though the module's jobs need the plugin runtime
 * (delivery), so tests without a runtime add these through `createTestApi({ routes })`.
 */
export function dunningApiRoutes(deps: { orm: Orm }): ServerRoute[] {
  return [...dunningRoutes(deps), ...deliveryRoutes(deps)];
}
