import type { Config } from '../config/load-config.ts';
import { defineModule } from '../shared/kredo-module.ts';
import { bulkRoutes } from './bulk-routes.ts';
import { importRoutes } from './import-routes.ts';

/** File imports (CSV, UBL) and the bulk JSON routes, through one pipeline. */
export const importsModule = defineModule({
  name: 'imports',
  needs: ['config'],
  routes: ({ config }: { config: Pick<Config, 'importMaxBytes'> }) => [
    ...bulkRoutes,
    ...importRoutes(config),
  ],
});
