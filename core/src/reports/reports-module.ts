import type { Config } from '../config/load-config.ts';
import type { Orm } from '../db/orm.ts';
import { defineModule } from '../shared/kredo-module.ts';
import { reportJobs } from './report-jobs.ts';
import { reportRoutes } from './report-routes.ts';
import { scheduleRoutes } from './schedule-routes.ts';

/** Reports: ageing, KPIs and the forecast as CSV, XLSX and PDF, on request and on a schedule by mail. */
export const reportsModule = defineModule({
  name: 'reports',
  needs: ['orm', 'config'],
  routes: () => [...reportRoutes, ...scheduleRoutes],
  jobs: (deps: { orm: Orm; config: Config }) => reportJobs(deps),
});
