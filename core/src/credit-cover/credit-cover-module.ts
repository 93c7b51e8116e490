import type { CapabilityDeps } from '../capabilities/call-capability.ts';
import { defineModule } from '../shared/kredo-module.ts';
import { creditCoverRoutes } from './credit-cover-routes.ts';

/** Credit insurance cover from the tenant's insurer plugin. */
export const creditCoverModule = defineModule({
  name: 'credit-cover',
  needs: ['orm', 'runtime'],
  routes: (deps: CapabilityDeps) => creditCoverRoutes(deps),
});
