import { defineModule } from '../shared/kredo-module.ts';
import { insightRoutes } from './insight-routes.ts';

/** KPIs and ageing of the ledger: figures for today and any date, and their daily snapshots. */
export const insightModule = defineModule({
  name: 'insight',
  needs: [],
  routes: () => insightRoutes,
});
