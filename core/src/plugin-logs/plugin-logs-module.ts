import { defineModule } from '../shared/kredo-module.ts';
import { pluginLogRoutes } from './plugin-log-routes.ts';

/** What plugins log, kept per installation for the tenant to read. */
export const pluginLogsModule = defineModule({
  name: 'plugin-logs',
  needs: [],
  routes: () => pluginLogRoutes,
});
