import { defineModule } from '../shared/kredo-module.ts';
import type { PayLinkDeps } from './create-pay-link.ts';
import { payLinkRoutes } from './pay-link-routes.ts';
import { portalPayLinkRoute } from './portal-pay-link-route.ts';

/** Pay links for debtors' open invoices, from the tenant's pay-link plugin. */
export const payLinksModule = defineModule({
  name: 'pay-links',
  needs: ['orm', 'runtime', 'publicUrl'],
  routes: (deps: PayLinkDeps) => [...payLinkRoutes(deps), portalPayLinkRoute(deps)],
});
