import type { CapabilityDeps } from '../capabilities/call-capability.ts';
import { defineModule } from '../shared/kredo-module.ts';
import { collectionRoutes } from './collection-routes.ts';

/** Collection cases handed off to the tenant's collection plugin. */
export const collectionModule = defineModule({
  name: 'collection',
  needs: ['orm', 'runtime'],
  routes: (deps: CapabilityDeps) => collectionRoutes(deps),
});
