import type { CapabilityDeps } from '../capabilities/call-capability.ts';
import { defineModule } from '../shared/kredo-module.ts';
import { creditCheckRoutes } from './credit-check-routes.ts';

/** Credit reports from the tenant's bureau plugin. */
export const creditChecksModule = defineModule({
  name: 'credit-checks',
  needs: ['orm', 'runtime'],
  routes: (deps: CapabilityDeps) => creditCheckRoutes(deps),
});
