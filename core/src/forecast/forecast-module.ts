import type { Orm } from '../db/orm.ts';
import { defineModule } from '../shared/kredo-module.ts';
import { forecastJobs } from './forecast-jobs.ts';
import { forecastRoutes } from './forecast-routes.ts';

/** The 13-week cash-flow forecast and, afterwards, its accuracy. */
export const forecastModule = defineModule({
  name: 'forecast',
  needs: ['orm'],
  routes: () => forecastRoutes,
  jobs: ({ orm }: { orm: Orm }) => forecastJobs({ orm }),
});
