import type { CapabilityDeps } from '../capabilities/call-capability.ts';
import type { Config } from '../config/load-config.ts';
import { defineModule } from '../shared/kredo-module.ts';
import { invoiceCopyRoutes } from './invoice-copy-routes.ts';
import { portalCopyRoute } from './portal-copy-route.ts';

/** Invoice copies (PDF) from the tenant's plugins. */
export const invoiceCopiesModule = defineModule({
  name: 'invoice-copies',
  needs: ['orm', 'runtime', 'config'],
  routes: ({ orm, runtime, config }: CapabilityDeps & { config: Pick<Config, 'pluginDeadlineMs'> }) => {
    const deps = { orm, runtime, filterDeadlineMs: config.pluginDeadlineMs };
    return [...invoiceCopyRoutes(deps), portalCopyRoute(deps)];
  },
});
