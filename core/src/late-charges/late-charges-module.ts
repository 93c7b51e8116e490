import { defineModule } from '../shared/kredo-module.ts';
import { chargeRoutes } from './charge-routes.ts';
import { rateRoutes } from './rate-routes.ts';

/**
 * Statutory late-payment charges: the rates per half-year, the pure rules the dunning engine calls,
 * and the charges ledger (what sent reminders claimed, what payments settled, what staff waived).
 */
export const lateChargesModule = defineModule({
  name: 'late-charges',
  needs: [],
  routes: () => [...rateRoutes, ...chargeRoutes],
});
