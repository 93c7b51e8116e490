import type { CapabilityDeps } from '../capabilities/call-capability.ts';
import type { Config } from '../config/load-config.ts';
import { defineModule } from '../shared/kredo-module.ts';
import { invoiceCopyRoutes } from './invoice-copy-routes.ts';

/** Invoice copies (PDF) from the tenant's plugins. */
export const invoiceCopiesModule = defineModule({
  name: 'invoice-copies',
  needs: ['orm', 'runtime', 'config'],
  routes: ({ orm, runtime, config }: CapabilityDeps & { config: Pick<Config, 'pluginDeadlineMs'> }) =>
    invoiceCopyRoutes({ orm, runtime, filterDeadlineMs: config.pluginDeadlineMs }),
});
