import type { Config } from '../config/load-config.ts';
import type { Orm } from '../db/orm.ts';
import { defineModule } from '../shared/kredo-module.ts';
import { disputeJobs } from './dispute-jobs.ts';
import { disputeRoutes } from './dispute-routes.ts';
import { disputeTypeRoutes } from './dispute-type-routes.ts';

/** Disputes: types with acknowledgement templates, opening, escalation, resolution. */
export const disputesModule = defineModule({
  name: 'disputes',
  needs: ['orm', 'config'],
  routes: () => [...disputeTypeRoutes, ...disputeRoutes],
  jobs: (deps: { orm: Orm; config: Config }) => disputeJobs(deps),
});
