import { defineModule } from '../shared/kredo-module.ts';
import { rateRoutes } from './rate-routes.ts';

/** Statutory late-payment charges: the rates per half-year (routes) and the pure rules the dunning engine calls. */
export const lateChargesModule = defineModule({
  name: 'late-charges',
  needs: [],
  routes: () => rateRoutes,
});
