import { defineModule } from '../shared/kredo-module.ts';
import { forecastRoutes } from './forecast-routes.ts';

/** The 13-week cash-flow forecast and, afterwards, its accuracy. */
export const forecastModule = defineModule({
  name: 'forecast',
  needs: [],
  routes: () => forecastRoutes,
});
