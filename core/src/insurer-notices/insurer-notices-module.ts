import type { CapabilityDeps } from '../capabilities/call-capability.ts';
import { defineModule } from '../shared/kredo-module.ts';
import { insurerNoticeRoutes } from './insurer-notice-routes.ts';
import { insurerNoticeJobs } from './notice-task.ts';

/** Notices of overdue invoices to credit insurers, sent hourly. */
export const insurerNoticesModule = defineModule({
  name: 'insurer-notices',
  needs: ['orm', 'runtime'],
  routes: () => [insurerNoticeRoutes()],
  jobs: (deps: CapabilityDeps) => insurerNoticeJobs(deps),
});
