import type { Orm } from '../db/orm.ts';
import { defineModule } from '../shared/kredo-module.ts';
import { arrangementJobs } from './arrangement-jobs.ts';
import { planRoutes } from './plan-routes.ts';
import { promiseRoutes } from './promise-routes.ts';
import { settingsRoutes } from './settings-routes.ts';

/** Promises to pay and payment plans, their settings and their monitoring against the payments. */
export const promisesModule = defineModule({
  name: 'promises',
  needs: ['orm'],
  routes: () => [...settingsRoutes, ...promiseRoutes, ...planRoutes],
  jobs: (deps: { orm: Orm }) => arrangementJobs(deps),
});
