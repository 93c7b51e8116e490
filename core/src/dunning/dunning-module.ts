import type { Orm } from '../db/orm.ts';
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
  needs: ['orm'],
  routes: (deps: { orm: Orm }) => [...dunningRoutes(deps), ...deliveryRoutes(deps)],
  jobs: (deps: { orm: Orm }) => {
    const engine = scheduleJobs(deps.orm);
    const delivery = deliveryJobs(deps);
    return {
      tasks: { ...engine.tasks, ...delivery.tasks },
      cron: [...(engine.cron ?? []), ...(delivery.cron ?? [])],
      triggers: [...(engine.triggers ?? []), ...(delivery.triggers ?? [])],
    };
  },
});
