import { defineModule } from '../shared/kredo-module.ts';
import { paymentChangeRoutes } from './payment-change-routes.ts';
import { paymentRoutes } from './payment-routes.ts';

/** Payments and their allocations to invoices. */
export const paymentsModule = defineModule({
  name: 'payments',
  needs: [],
  routes: () => [...paymentRoutes, ...paymentChangeRoutes],
});
