import { defineModule } from '../shared/kredo-module.ts';
import { administrationRoutes } from './administration-routes.ts';

/** A tenant's ledgers (legal entities). */
export const administrationsModule = defineModule({
  name: 'administrations',
  needs: [],
  routes: () => administrationRoutes,
});
