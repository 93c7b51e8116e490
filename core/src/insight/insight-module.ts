import type { Orm } from '../db/orm.ts';
import { defineModule } from '../shared/kredo-module.ts';
import { insightRoutes } from './insight-routes.ts';
import { rateRoutes } from './rate-routes.ts';
import { snapshotJobs } from './snapshot-task.ts';

/** KPIs and ageing of the ledger: figures for today and any date, and the hourly job keeping their daily snapshots. */
export const insightModule = defineModule({
  name: 'insight',
  needs: ['orm'],
  routes: () => [...insightRoutes, ...rateRoutes],
  jobs: ({ orm }: { orm: Orm }) => snapshotJobs(orm),
});
